using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Application.Slack.Common;

/// <summary>
/// Hands out a workspace's bot with a token that works. A rotating token is refreshed shortly before it expires; a
/// long-lived one is exchanged for a rotating one once the app has rotation on. Refresh tokens are single-use, so
/// each refresh runs once across every host: under <see cref="IExclusiveLock"/>, the holder re-reads the stored
/// token, refreshes it only if nobody did meanwhile, and stores the result before it releases, so waiters use it.
/// A refresh Slack refuses marks the workspace as needing to be connected again, once; it is never retried. A token
/// Slack called expired before its time (<see cref="SlackExpiredTokens"/>) is refreshed at its next use.
/// </summary>
internal sealed class SlackBotTokens(
    ISlackInstallationRepository installations,
    ISlackGateway slack,
    IExclusiveLock locks,
    DetachedCommands detached,
    SlackSettings settings,
    SlackExpiredTokens expired,
    TimeProvider clock)
{
    public async Task<SlackBotInstallation?> FindAsync(TeamId teamId, SlackTeamId slackTeamId, CancellationToken cancellationToken)
    {
        var bot = await installations.FindBotAsync(teamId, slackTeamId, cancellationToken).ConfigureAwait(false);
        if (bot is null || Usable(bot))
        {
            return bot;
        }

        await using (await locks.AcquireAsync($"slack-bot-token:{teamId.Value}:{slackTeamId.Value}", cancellationToken).ConfigureAwait(false))
        {
            var current = await installations.ReloadBotAsync(teamId, slackTeamId, cancellationToken).ConfigureAwait(false);
            return current is null || Usable(current) ? current : await RenewAsync(current).ConfigureAwait(false);
        }
    }

    /// <summary>True when the token can be used as it is; throws when the workspace must be connected again.</summary>
    private bool Usable(SlackBotInstallation bot) =>
        bot.NeedsReconnect
            ? throw SlackNotConnectedException.BotNeedsReconnect(bot.SlackTeamId.Value, bot.ReconnectReason)
            : !SlackTokenRotation.MustRenew(bot.NeedsRefresh(clock.GetUtcNow(), settings.TokenRefreshMargin), bot.BotToken, bot.RefreshToken, settings, expired);

    private async Task<SlackBotInstallation> RenewAsync(SlackBotInstallation bot)
    {
        SlackRefreshedToken renewed;
        try
        {
            renewed = await SlackTokenRotation.RenewAsync(slack, bot.BotToken, bot.RefreshToken).ConfigureAwait(false);
        }
        catch (SlackApiException exception) when (exception.IsRefreshRefused)
        {
            await detached.SendAsync(new MarkBotNeedsReconnectCommand(bot.TeamId, bot.SlackTeamId, exception.Error)).ConfigureAwait(false);
            throw SlackNotConnectedException.BotNeedsReconnect(bot.SlackTeamId.Value, exception.Error);
        }

        var stored = bot with
        {
            BotToken = renewed.AccessToken,
            RefreshToken = renewed.RefreshToken ?? bot.RefreshToken,
            ExpiresAt = renewed.Lifetime is { } lifetime ? clock.GetUtcNow() + lifetime : null,
        };
        await detached.SendAsync(new StoreRefreshedBotTokenCommand(stored)).ConfigureAwait(false);
        expired.Replaced(bot.BotToken);
        return stored;
    }
}
