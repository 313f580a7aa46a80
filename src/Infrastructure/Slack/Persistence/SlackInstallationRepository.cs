using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.Infrastructure.Slack.Security;

namespace CodeStream.Integrations.Infrastructure.Slack.Persistence;

internal sealed class SlackInstallationRepository(
    DbSession session, TokenProtector tokens, WebApi.SlackTokenWorkspaces workspaces, SlackBotCache bots, TimeProvider clock)
    : ISlackInstallationRepository
{
    private const string UpsertBotSql = """
        INSERT INTO slack_bot_installations
            (team_id, slack_team_id, slack_team_name, bot_user_id, app_id, bot_token, scopes, installed_at, workspace_url, refresh_token, expires_at)
        VALUES (@TeamId, @SlackTeamId, @SlackTeamName, @BotUserId, @AppId, @BotToken, @Scopes, @InstalledAt, @WorkspaceUrl, @RefreshToken, @ExpiresAt)
        ON CONFLICT (team_id, slack_team_id) DO UPDATE SET
            slack_team_name = excluded.slack_team_name, bot_user_id = excluded.bot_user_id, app_id = excluded.app_id,
            bot_token = excluded.bot_token, scopes = excluded.scopes, installed_at = excluded.installed_at,
            workspace_url = COALESCE(excluded.workspace_url, slack_bot_installations.workspace_url),
            refresh_token = excluded.refresh_token, expires_at = excluded.expires_at, reconnect_reason = NULL
        """;

    private const string StoreRefreshedBotSql = """
        UPDATE slack_bot_installations SET bot_token = @BotToken, refresh_token = @RefreshToken, expires_at = @ExpiresAt, reconnect_reason = NULL
        WHERE team_id = @TeamId AND slack_team_id = @SlackTeamId
        """;

    private const string MarkBotReconnectSql = """
        UPDATE slack_bot_installations SET reconnect_reason = @Reason WHERE team_id = @TeamId AND slack_team_id = @SlackTeamId
        """;

    private const string BotsNeedingReconnectSql = """
        SELECT slack_team_id AS SlackTeamId, slack_team_name AS SlackTeamName, reconnect_reason AS Reason
        FROM slack_bot_installations WHERE reconnect_reason IS NOT NULL ORDER BY slack_team_id
        """;

    private const string UpsertUserSql = """
        INSERT INTO slack_user_installations (user_id, team_id, slack_team_id, slack_user_id, access_token, scopes, refresh_token, expires_at, installed_at)
        VALUES (@UserId, @TeamId, @SlackTeamId, @SlackUserId, @AccessToken, @Scopes, @RefreshToken, @ExpiresAt, @InstalledAt)
        ON CONFLICT (user_id, slack_team_id) DO UPDATE SET
            team_id = excluded.team_id, slack_user_id = excluded.slack_user_id, access_token = excluded.access_token,
            scopes = excluded.scopes, refresh_token = excluded.refresh_token, expires_at = excluded.expires_at,
            installed_at = excluded.installed_at
        """;

    private const string SelectBotSql = """
        SELECT team_id AS TeamId, slack_team_id AS SlackTeamId, slack_team_name AS SlackTeamName, bot_user_id AS BotUserId,
               app_id AS AppId, bot_token AS BotToken, scopes AS Scopes, installed_at AS InstalledAt, workspace_url AS WorkspaceUrl,
               refresh_token AS RefreshToken, expires_at AS ExpiresAt, reconnect_reason AS ReconnectReason
        FROM slack_bot_installations WHERE team_id = @TeamId AND slack_team_id = @SlackTeamId
        """;

    private const string SelectUserSql = """
        SELECT user_id AS UserId, team_id AS TeamId, slack_team_id AS SlackTeamId, slack_user_id AS SlackUserId,
               access_token AS AccessToken, scopes AS Scopes, refresh_token AS RefreshToken, expires_at AS ExpiresAt,
               installed_at AS InstalledAt
        FROM slack_user_installations WHERE user_id = @UserId AND slack_team_id = @SlackTeamId
        """;

    private const string RememberRevokedSql = """
        INSERT INTO slack_token_revocations (user_id, slack_team_id, revoked_at)
        SELECT user_id, slack_team_id, @Now FROM slack_user_installations
        WHERE slack_team_id = @SlackTeamId AND (@SlackUserId IS NULL OR slack_user_id = @SlackUserId) AND (@UserId IS NULL OR user_id = @UserId)
          AND installed_at < @Before
        ON CONFLICT (user_id, slack_team_id) DO UPDATE SET revoked_at = excluded.revoked_at
        """;

    private const string ForgetRevokedSql = "DELETE FROM slack_token_revocations WHERE user_id = @UserId AND slack_team_id = @SlackTeamId";

    private const string WasRevokedSql = "SELECT COUNT(*) FROM slack_token_revocations WHERE user_id = @UserId AND slack_team_id = @SlackTeamId";

    private const string DeleteUserTokensOfSlackUsersSql = """
        DELETE FROM slack_user_installations WHERE slack_team_id = @SlackTeamId AND slack_user_id = @SlackUserId AND installed_at < @Before
        """;

    private const string DeleteBotTokensSql = "DELETE FROM slack_bot_installations WHERE slack_team_id = @SlackTeamId AND installed_at < @Before";

    private const string ListUserWorkspacesSql =
        "SELECT slack_team_id FROM slack_user_installations WHERE user_id = @UserId ORDER BY slack_team_id";

    private const string DeleteAllUserTokensSql = "DELETE FROM slack_user_installations WHERE slack_team_id = @SlackTeamId AND installed_at < @Before";

    private const string DeleteUserTokenSql = "DELETE FROM slack_user_installations WHERE user_id = @UserId AND slack_team_id = @SlackTeamId";

    public Task UpsertBotAsync(SlackBotInstallation installation, CancellationToken cancellationToken)
    {
        Forget(installation.SlackTeamId);
        return session.ExecuteAsync(
            UpsertBotSql,
            new
            {
                TeamId = installation.TeamId.Value,
                SlackTeamId = installation.SlackTeamId.Value,
                installation.SlackTeamName,
                BotUserId = installation.BotUserId.Value,
                installation.AppId,
                BotToken = tokens.Protect(installation.BotToken),
                installation.Scopes,
                InstalledAt = UnixTime.ToMs(installation.InstalledAt),
                installation.WorkspaceUrl,
                RefreshToken = tokens.ProtectOptional(installation.RefreshToken),
                ExpiresAt = UnixTime.ToMs(installation.ExpiresAt),
            },
            cancellationToken);
    }

    public Task StoreRefreshedBotAsync(SlackBotInstallation installation, CancellationToken cancellationToken)
    {
        Forget(installation.SlackTeamId);
        return session.ExecuteAsync(
            StoreRefreshedBotSql,
            new
            {
                TeamId = installation.TeamId.Value,
                SlackTeamId = installation.SlackTeamId.Value,
                BotToken = tokens.Protect(installation.BotToken),
                RefreshToken = tokens.ProtectOptional(installation.RefreshToken),
                ExpiresAt = UnixTime.ToMs(installation.ExpiresAt),
            },
            cancellationToken);
    }

    public Task MarkBotNeedsReconnectAsync(TeamId teamId, SlackTeamId slackTeamId, string reason, CancellationToken cancellationToken)
    {
        Forget(slackTeamId);
        return session.ExecuteAsync(MarkBotReconnectSql, new { TeamId = teamId.Value, SlackTeamId = slackTeamId.Value, Reason = reason }, cancellationToken);
    }

    public Task<IReadOnlyList<SlackWorkspaceNeedingReconnect>> ListBotsNeedingReconnectAsync(CancellationToken cancellationToken) =>
        session.QueryAsync<SlackWorkspaceNeedingReconnect>(BotsNeedingReconnectSql, null, cancellationToken);

    public async Task UpsertUserAsync(SlackUserInstallation installation, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            ForgetRevokedSql, new { UserId = installation.UserId.Value, SlackTeamId = installation.SlackTeamId.Value }, cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(
            UpsertUserSql,
            new
            {
                UserId = installation.UserId.Value,
                TeamId = installation.TeamId.Value,
                SlackTeamId = installation.SlackTeamId.Value,
                SlackUserId = installation.SlackUserId.Value,
                AccessToken = tokens.Protect(installation.AccessToken),
                installation.Scopes,
                RefreshToken = tokens.ProtectOptional(installation.RefreshToken),
                ExpiresAt = UnixTime.ToMs(installation.ExpiresAt),
                InstalledAt = UnixTime.ToMs(installation.InstalledAt),
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SlackTeamId>> ListUserWorkspacesAsync(UserId userId, CancellationToken cancellationToken) =>
        [.. (await session.QueryAsync<string>(ListUserWorkspacesSql, new { UserId = userId.Value }, cancellationToken).ConfigureAwait(false))
            .Select(SlackTeamId.Parse)];

    public async Task<bool> WasRevokedAsync(UserId userId, SlackTeamId slackTeamId, CancellationToken cancellationToken) =>
        await session.QuerySingleOrDefaultAsync<long>(WasRevokedSql, new { UserId = userId.Value, SlackTeamId = slackTeamId.Value }, cancellationToken)
            .ConfigureAwait(false) > 0;

    public Task<SlackBotInstallation?> FindBotAsync(TeamId teamId, SlackTeamId slackTeamId, CancellationToken cancellationToken) =>
        bots.GetOrLoadAsync(teamId.Value, slackTeamId.Value, () => LoadBotAsync(teamId, slackTeamId, cancellationToken));

    public Task<SlackBotInstallation?> ReloadBotAsync(TeamId teamId, SlackTeamId slackTeamId, CancellationToken cancellationToken)
    {
        Forget(slackTeamId); // another host may have rotated the token: read what is stored now
        return FindBotAsync(teamId, slackTeamId, cancellationToken);
    }

    private async Task<SlackBotInstallation?> LoadBotAsync(TeamId teamId, SlackTeamId slackTeamId, CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleOrDefaultAsync<BotRow>(
            SelectBotSql, new { TeamId = teamId.Value, SlackTeamId = slackTeamId.Value }, cancellationToken).ConfigureAwait(false);
        return row is null
            ? null
            : new SlackBotInstallation(
                TeamId.Parse(row.TeamId),
                SlackTeamId.Parse(row.SlackTeamId),
                row.SlackTeamName,
                SlackUserId.Parse(row.BotUserId),
                row.AppId,
                Remember(tokens.Unprotect(row.BotToken), row.SlackTeamId),
                row.Scopes,
                UnixTime.FromMs(row.InstalledAt),
                row.WorkspaceUrl,
                row.RefreshToken is null ? null : tokens.Unprotect(row.RefreshToken),
                row.ExpiresAt is { } expiresAt ? UnixTime.FromMs(expiresAt) : null,
                row.ReconnectReason);
    }

    public async Task<SlackUserInstallation?> FindUserAsync(UserId userId, SlackTeamId slackTeamId, CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleOrDefaultAsync<UserRow>(
            SelectUserSql, new { UserId = userId.Value, SlackTeamId = slackTeamId.Value }, cancellationToken).ConfigureAwait(false);
        return row is null
            ? null
            : new SlackUserInstallation(
                UserId.Parse(row.UserId),
                TeamId.Parse(row.TeamId),
                SlackTeamId.Parse(row.SlackTeamId),
                SlackUserId.Parse(row.SlackUserId),
                Remember(tokens.Unprotect(row.AccessToken), row.SlackTeamId),
                row.Scopes,
                tokens.UnprotectOptional(row.RefreshToken),
                UnixTime.FromMs(row.ExpiresAt),
                UnixTime.FromMs(row.InstalledAt));
    }

    private string Remember(string token, string slackTeamId)
    {
        workspaces.Remember(token, slackTeamId);
        return token;
    }

    public async Task<int> RemoveUserTokensAsync(
        SlackTeamId slackTeamId, IReadOnlyList<SlackUserId> slackUserIds, DateTimeOffset installedBefore, CancellationToken cancellationToken)
    {
        if (slackUserIds.Count == 0)
        {
            return 0;
        }

        var rows = slackUserIds.Select(id => Revocation(slackTeamId, id.Value, null, installedBefore)).ToList();
        await session.ExecuteAsync(RememberRevokedSql, rows, cancellationToken).ConfigureAwait(false);
        return await session.ExecuteAsync(DeleteUserTokensOfSlackUsersSql, rows, cancellationToken).ConfigureAwait(false);
    }

    public Task<int> RemoveBotTokensAsync(SlackTeamId slackTeamId, DateTimeOffset installedBefore, CancellationToken cancellationToken)
    {
        Forget(slackTeamId);
        return session.ExecuteAsync(DeleteBotTokensSql, new { SlackTeamId = slackTeamId.Value, Before = UnixTime.ToMs(installedBefore) }, cancellationToken);
    }

    /// <summary>Now, and again once committed: a reader between the two would otherwise cache what is being replaced.</summary>
    private void Forget(SlackTeamId slackTeamId)
    {
        bots.Invalidate(slackTeamId.Value);
        session.OnCommitted(() => bots.Invalidate(slackTeamId.Value));
    }

    public async Task<int> RemoveAllUserTokensAsync(SlackTeamId slackTeamId, DateTimeOffset installedBefore, CancellationToken cancellationToken)
    {
        var revocation = Revocation(slackTeamId, null, null, installedBefore);
        await session.ExecuteAsync(RememberRevokedSql, revocation, cancellationToken).ConfigureAwait(false);
        return await session.ExecuteAsync(DeleteAllUserTokensSql, revocation, cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveUserTokenAsync(UserId userId, SlackTeamId slackTeamId, CancellationToken cancellationToken)
    {
        // Slack refused this very token just now: whatever is stored for the user is what it refused.
        await session.ExecuteAsync(RememberRevokedSql, Revocation(slackTeamId, null, userId.Value, DateTimeOffset.MaxValue), cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(DeleteUserTokenSql, new { UserId = userId.Value, SlackTeamId = slackTeamId.Value }, cancellationToken).ConfigureAwait(false);
    }

    private RevocationRow Revocation(SlackTeamId slackTeamId, string? slackUserId, string? userId, DateTimeOffset installedBefore) =>
        new(slackTeamId.Value, slackUserId, userId, UnixTime.ToMs(clock.GetUtcNow()), installedBefore == DateTimeOffset.MaxValue ? long.MaxValue : UnixTime.ToMs(installedBefore));

    private sealed record RevocationRow(string SlackTeamId, string? SlackUserId, string? UserId, long Now, long Before);

    private sealed class BotRow
    {
        public string TeamId { get; set; } = string.Empty;

        public string SlackTeamId { get; set; } = string.Empty;

        public string? SlackTeamName { get; set; }

        public string BotUserId { get; set; } = string.Empty;

        public string? AppId { get; set; }

        public string BotToken { get; set; } = string.Empty;

        public string Scopes { get; set; } = string.Empty;

        public long InstalledAt { get; set; }

        public string? WorkspaceUrl { get; set; }

        public string? RefreshToken { get; set; }

        public long? ExpiresAt { get; set; }

        public string? ReconnectReason { get; set; }
    }

    private sealed class UserRow
    {
        public string UserId { get; set; } = string.Empty;

        public string TeamId { get; set; } = string.Empty;

        public string SlackTeamId { get; set; } = string.Empty;

        public string SlackUserId { get; set; } = string.Empty;

        public string AccessToken { get; set; } = string.Empty;

        public string Scopes { get; set; } = string.Empty;

        public string? RefreshToken { get; set; }

        public long? ExpiresAt { get; set; }

        public long InstalledAt { get; set; }
    }
}
