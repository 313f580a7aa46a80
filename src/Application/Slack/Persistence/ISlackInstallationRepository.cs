using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Application.Slack.Persistence;

/// <summary>A workspace whose bot token could not be refreshed, and Slack's reason.</summary>
public sealed record SlackWorkspaceNeedingReconnect(string SlackTeamId, string? SlackTeamName, string Reason);

/// <summary>Bot and user tokens per workspace. Implementations encrypt tokens at rest; callers see them in clear.</summary>
public interface ISlackInstallationRepository
{
    /// <summary>Stores or replaces the bot of (team, workspace).</summary>
    Task UpsertBotAsync(SlackBotInstallation installation, CancellationToken cancellationToken);

    /// <summary>Stores or replaces the user's token for the workspace.</summary>
    Task UpsertUserAsync(SlackUserInstallation installation, CancellationToken cancellationToken);

    /// <summary>The bot, possibly from a short-lived cache (its token may have been rotated by another host since).</summary>
    Task<SlackBotInstallation?> FindBotAsync(TeamId teamId, SlackTeamId slackTeamId, CancellationToken cancellationToken);

    /// <summary>The bot as stored now, bypassing and refreshing the cache.</summary>
    Task<SlackBotInstallation?> ReloadBotAsync(TeamId teamId, SlackTeamId slackTeamId, CancellationToken cancellationToken);

    /// <summary>Replaces the bot's token, refresh token and expiry after a rotation.</summary>
    Task StoreRefreshedBotAsync(SlackBotInstallation installation, CancellationToken cancellationToken);

    /// <summary>Slack refused the bot's refresh: the workspace must be connected again (shown to operators).</summary>
    Task MarkBotNeedsReconnectAsync(TeamId teamId, SlackTeamId slackTeamId, string reason, CancellationToken cancellationToken);

    Task<IReadOnlyList<SlackWorkspaceNeedingReconnect>> ListBotsNeedingReconnectAsync(CancellationToken cancellationToken);

    Task<SlackUserInstallation?> FindUserAsync(UserId userId, SlackTeamId slackTeamId, CancellationToken cancellationToken);

    /// <summary>The workspaces the user has connected (has a user token for).</summary>
    Task<IReadOnlyList<SlackTeamId>> ListUserWorkspacesAsync(UserId userId, CancellationToken cancellationToken);

    /// <summary>Whether Slack revoked this user's token for the workspace (and they have not connected again since).</summary>
    Task<bool> WasRevokedAsync(UserId userId, SlackTeamId slackTeamId, CancellationToken cancellationToken);

    /// <summary>Removes the tokens of these Slack users in the workspace installed before that time (tokens_revoked).</summary>
    Task<int> RemoveUserTokensAsync(
        SlackTeamId slackTeamId, IReadOnlyList<SlackUserId> slackUserIds, DateTimeOffset installedBefore, CancellationToken cancellationToken);

    /// <summary>Removes the bot tokens of the workspace installed before that time (tokens_revoked for the bot).</summary>
    Task<int> RemoveBotTokensAsync(SlackTeamId slackTeamId, DateTimeOffset installedBefore, CancellationToken cancellationToken);

    /// <summary>Removes every user token of the workspace installed before that time (app_uninstalled).</summary>
    Task<int> RemoveAllUserTokensAsync(SlackTeamId slackTeamId, DateTimeOffset installedBefore, CancellationToken cancellationToken);

    Task RemoveUserTokenAsync(UserId userId, SlackTeamId slackTeamId, CancellationToken cancellationToken);
}
