using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using Microsoft.Extensions.Time.Testing;

namespace CodeStream.Integrations.Application.UnitTests.TestDoubles;

/// <summary>Domain objects for handler tests, built through the domain's own factories.</summary>
internal static class Given
{
    public static readonly DateTimeOffset Now = new(2025, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static readonly SlackTeamId SlackTeam = SlackTeamId.Parse("T012AB3C4");

    public static FakeTimeProvider Clock() => new(Now);

    public static Team NewTeam(string name = "Acme") => Team.Create(name, Now.AddDays(-30));

    public static User RegisteredUser(TeamId teamId, string email = "ada@example.com", string username = "ada") =>
        User.CreateRegistered(teamId, email, username, "Ada Lovelace", Now.AddDays(-20));

    public static User FauxUser(TeamId teamId) =>
        User.CreateFaux(
            teamId,
            new SlackIdentity(SlackTeam, SlackUserId.Parse("U045DE6F7")).FauxExternalUserId(teamId),
            email: null,
            "grace",
            "Grace Hopper",
            timeZone: null,
            Now.AddDays(-20));

    public static Codemark NewCodemark(TeamId teamId, UserId creatorId, CodemarkType type = CodemarkType.Issue, string? title = "Possible race") =>
        Codemark.Create(
            teamId,
            creatorId,
            type,
            title,
            "Two threads write here",
            [Marker.Create("src/File.cs", "acme/app", "abc123", 12, 20, "lock (x) { }", "https://github.com/acme/app/blob/main/src/File.cs#L12", DateTimeOffset.UnixEpoch)],
            Now.AddDays(-10));

    public static Post Reply(Codemark codemark, UserId creatorId, string text, PostOrigin origin = default) =>
        Post.CreateReply(codemark, creatorId, text, origin, Now.AddDays(-5));

    public static CodemarkShare Share(Codemark codemark, string channelId, string ts, DateTimeOffset? deletedInSlackAt = null) => new(
        codemark.Id,
        codemark.TeamId,
        SlackTeam,
        "Acme Slack",
        SlackChannelId.Parse(channelId),
        "general",
        SlackTs.Parse(ts),
        $"https://acme.slack.com/archives/{channelId}/p{ts.Replace(".", "", StringComparison.Ordinal)}",
        Now.AddDays(-9),
        codemark.CreatorId,
        deletedInSlackAt);

    public static SlackMessageCopy Copy(Post reply, string channelId, string ts, string threadTs) => new(
        reply.Id,
        SlackTeam,
        SlackChannelId.Parse(channelId),
        SlackTs.Parse(ts),
        SlackTs.Parse(threadTs),
        $"https://acme.slack.com/archives/{channelId}/p{ts.Replace(".", "", StringComparison.Ordinal)}",
        Now.AddDays(-5));
}
