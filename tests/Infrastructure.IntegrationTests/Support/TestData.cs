using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Support;

/// <summary>
/// Valid domain objects built through the domain's own factories. Times are whole milliseconds, the precision the
/// database keeps, so a stored object reads back equal.
/// </summary>
internal static class TestData
{
    public const string SlackTeam = "T0SLACK01";

    public static readonly DateTimeOffset Start = new(2025, 11, 23, 9, 30, 0, 123, TimeSpan.Zero);

    public static DateTimeOffset At(int seconds) => Start.AddSeconds(seconds);

    public static Team NewTeam(string name = "Acme") => Team.Create(name, Start);

    public static User NewRegisteredUser(TeamId teamId, string email, string username = "alice", int createdAtSecond = 0) =>
        User.CreateRegistered(teamId, email, username, "Alice Liddell", At(createdAtSecond));

    public static SlackIdentity NewSlackIdentity(string slackUserId = "U0ALICE", string slackTeamId = SlackTeam) =>
        new(SlackTeamId.Parse(slackTeamId), SlackUserId.Parse(slackUserId));

    public static User NewFauxUser(TeamId teamId, SlackIdentity identity, string? email = null, int createdAtSecond = 0) =>
        User.CreateFaux(teamId, identity.FauxExternalUserId(teamId), email, "bob.slack", "Bob from Slack", "Europe/Berlin", At(createdAtSecond));

    public static Marker NewMarker(string file, int startLine, int endLine) =>
        Marker.Create(
            file,
            "https://github.com/acme/app.git",
            "0123456789abcdef0123456789abcdef01234567",
            startLine,
            endLine,
            $"// {file} lines {startLine}-{endLine}\nvar x = \"quoted\";",
            $"https://github.com/acme/app/blob/main/{file}#L{startLine}-L{endLine}", DateTimeOffset.UnixEpoch);

    public static Codemark NewCodemark(
        TeamId teamId,
        UserId creatorId,
        IReadOnlyList<Marker>? markers = null,
        CodemarkType type = CodemarkType.Issue,
        string? title = "Null check missing",
        string text = "Guard against a null user before reading its e-mail.") =>
        Codemark.Create(teamId, creatorId, type, title, text, markers ?? [], Start);

    public static Post NewReply(
        Codemark codemark,
        UserId creatorId,
        string text,
        DateTimeOffset createdAt,
        IReadOnlyList<UserId>? mentions = null,
        IReadOnlyList<FileReference>? files = null,
        PostOrigin origin = default) =>
        Post.CreateReply(codemark, creatorId, text, origin, createdAt, mentions, files);

    public static CodemarkShare NewShare(
        Codemark codemark,
        UserId sharedBy,
        string ts = "1763889000.000100",
        string channelId = "C0GENERAL",
        string slackTeamId = SlackTeam,
        DateTimeOffset? sharedAt = null) =>
        new(
            codemark.Id,
            codemark.TeamId,
            SlackTeamId.Parse(slackTeamId),
            "Acme Slack",
            SlackChannelId.Parse(channelId),
            "general",
            SlackTs.Parse(ts),
            $"https://acme.slack.com/archives/{channelId}/p{ts.Replace(".", string.Empty, StringComparison.Ordinal)}",
            sharedAt ?? Start,
            sharedBy,
            DeletedInSlackAt: null);

    public static SlackMessageCopy NewMessageCopy(
        PostId postId,
        string ts = "1763889100.000200",
        string channelId = "C0GENERAL",
        string slackTeamId = SlackTeam,
        string threadTs = "1763889000.000100",
        DateTimeOffset? createdAt = null) =>
        new(
            postId,
            SlackTeamId.Parse(slackTeamId),
            SlackChannelId.Parse(channelId),
            SlackTs.Parse(ts),
            SlackTs.Parse(threadTs),
            $"https://acme.slack.com/archives/{channelId}/p{ts.Replace(".", string.Empty, StringComparison.Ordinal)}",
            createdAt ?? Start);

    public static SlackIdentityLink NewLink(SlackIdentity identity, TeamId teamId, UserId userId, int linkedAtSecond = 0) =>
        new(identity, teamId, userId, At(linkedAtSecond));
}
