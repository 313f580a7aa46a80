using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.Slack.Persistence;

internal sealed class SlackIdentityRepository(DbSession session) : ISlackIdentityRepository
{
    private const string InsertSql = """
        INSERT INTO slack_identity_links (team_id, slack_team_id, slack_user_id, user_id, linked_at)
        VALUES (@TeamId, @SlackTeamId, @SlackUserId, @UserId, @LinkedAt)
        ON CONFLICT DO NOTHING
        """;

    // The WHERE makes the database itself refuse to move a link to another user, even under a racing connect.
    private const string LinkOrRefreshSql = """
        INSERT INTO slack_identity_links (team_id, slack_team_id, slack_user_id, user_id, linked_at)
        VALUES (@TeamId, @SlackTeamId, @SlackUserId, @UserId, @LinkedAt)
        ON CONFLICT (team_id, slack_team_id, slack_user_id) DO UPDATE SET linked_at = excluded.linked_at
        WHERE slack_identity_links.user_id = excluded.user_id
        """;

    private const string SelectSql = """
        SELECT team_id AS TeamId, slack_team_id AS SlackTeamId, slack_user_id AS SlackUserId, user_id AS UserId, linked_at AS LinkedAt
        FROM slack_identity_links WHERE team_id = @TeamId AND slack_team_id = @SlackTeamId AND slack_user_id = @SlackUserId
        """;

    private const string SelectByUsersSql = """
        SELECT team_id AS TeamId, slack_team_id AS SlackTeamId, slack_user_id AS SlackUserId, user_id AS UserId, linked_at AS LinkedAt
        FROM slack_identity_links WHERE team_id = @TeamId AND slack_team_id = @SlackTeamId AND
        """;

    public async Task<bool> TryLinkAsync(SlackIdentityLink link, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(InsertSql, Parameters(link), cancellationToken).ConfigureAwait(false) == 1;

    public async Task<bool> LinkOrRefreshAsync(SlackIdentityLink link, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(LinkOrRefreshSql, Parameters(link), cancellationToken).ConfigureAwait(false) == 1;

    public async Task<IReadOnlyList<SlackIdentityLink>> FindByUsersAsync(
        TeamId teamId, SlackTeamId slackTeamId, IReadOnlyCollection<UserId> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return [];
        }

        var rows = await session.QueryAsync<LinkRow>(
            SelectByUsersSql + " " + session.AnyOf("user_id", "UserIds"),
            new { TeamId = teamId.Value, SlackTeamId = slackTeamId.Value, UserIds = userIds.Select(u => u.Value).ToArray() },
            cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToLink)];
    }

    public Task RemoveLinksOfAsync(UserId userId, CancellationToken cancellationToken) =>
        session.ExecuteAsync("DELETE FROM slack_identity_links WHERE user_id = @UserId", new { UserId = userId.Value }, cancellationToken);

    public async Task<SlackIdentityLink?> FindAsync(TeamId teamId, SlackIdentity identity, CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleOrDefaultAsync<LinkRow>(
            SelectSql,
            new { TeamId = teamId.Value, SlackTeamId = identity.SlackTeamId.Value, SlackUserId = identity.SlackUserId.Value },
            cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToLink(row);
    }

    private static SlackIdentityLink ToLink(LinkRow row) => new(
        new SlackIdentity(SlackTeamId.Parse(row.SlackTeamId), SlackUserId.Parse(row.SlackUserId)),
        TeamId.Parse(row.TeamId),
        UserId.Parse(row.UserId),
        UnixTime.FromMs(row.LinkedAt));

    private static object Parameters(SlackIdentityLink link) => new
    {
        TeamId = link.TeamId.Value,
        SlackTeamId = link.Identity.SlackTeamId.Value,
        SlackUserId = link.Identity.SlackUserId.Value,
        UserId = link.UserId.Value,
        LinkedAt = UnixTime.ToMs(link.LinkedAt),
    };

    private sealed class LinkRow
    {
        public string TeamId { get; set; } = string.Empty;

        public string SlackTeamId { get; set; } = string.Empty;

        public string SlackUserId { get; set; } = string.Empty;

        public string UserId { get; set; } = string.Empty;

        public long LinkedAt { get; set; }
    }
}
