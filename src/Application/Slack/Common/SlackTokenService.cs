using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Common;

/// <summary>
/// Hands out a user's Slack token for a workspace, refreshing a rotating token shortly before it expires (once across
/// every host, as <see cref="SlackBotTokens"/> does for bots), exchanging a long-lived one once rotation is on, and
/// forgets tokens Slack says are revoked.
/// </summary>
internal sealed class SlackTokenService(
    ISlackInstallationRepository installations,
    ISlackGateway slack,
    IExclusiveLock locks,
    IMediator mediator,
    DetachedCommands detached,
    SlackSettings settings,
    SlackExpiredTokens expired,
    TimeProvider clock)
{
    public async Task<SlackUserInstallation> GetUserInstallationAsync(UserId userId, SlackTeamId slackTeamId, CancellationToken cancellationToken)
    {
        var installation = await installations.FindUserAsync(userId, slackTeamId, cancellationToken).ConfigureAwait(false);
        if (installation is null)
        {
            throw await installations.WasRevokedAsync(userId, slackTeamId, cancellationToken).ConfigureAwait(false)
                ? SlackNotConnectedException.Revoked(slackTeamId.Value)
                : SlackNotConnectedException.For(userId.Value, slackTeamId.Value);
        }

        if (Usable(installation))
        {
            return installation;
        }

        // Refresh tokens are single-use: one refresh across every host, the others read its result.
        await using (await locks.AcquireAsync($"slack-user-token:{userId.Value}:{slackTeamId.Value}", cancellationToken).ConfigureAwait(false))
        {
            var current = await installations.FindUserAsync(userId, slackTeamId, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                throw SlackNotConnectedException.Revoked(slackTeamId.Value);
            }

            return Usable(current) ? current : await RenewAsync(current).ConfigureAwait(false);
        }
    }

    private bool Usable(SlackUserInstallation installation) => !SlackTokenRotation.MustRenew(
        installation.NeedsRefresh(clock.GetUtcNow(), settings.TokenRefreshMargin), installation.AccessToken, installation.RefreshToken, settings, expired);

    private async Task<SlackUserInstallation> RenewAsync(SlackUserInstallation installation)
    {
        SlackRefreshedToken refreshed;
        try
        {
            refreshed = await SlackTokenRotation.RenewAsync(slack, installation.AccessToken, installation.RefreshToken).ConfigureAwait(false);
        }
        catch (SlackApiException exception) when (exception.IsRefreshRefused)
        {
            await detached.SendAsync(new ForgetRevokedTokenCommand(installation.UserId, installation.SlackTeamId)).ConfigureAwait(false);
            throw SlackNotConnectedException.Revoked(installation.SlackTeamId.Value);
        }

        var renewed = installation with
        {
            AccessToken = refreshed.AccessToken,
            RefreshToken = refreshed.RefreshToken ?? installation.RefreshToken,
            ExpiresAt = refreshed.Lifetime is { } lifetime ? clock.GetUtcNow() + lifetime : null,
        };
        await detached.SendAsync(new StoreRefreshedTokenCommand(renewed)).ConfigureAwait(false);
        expired.Replaced(installation.AccessToken);
        return renewed;
    }

    /// <summary>Runs a Slack call with the user's token; a revoked token is removed and reported as "reconnect Slack".</summary>
    public Task<T> WithUserTokenAsync<T>(
        UserId userId, SlackTeamId slackTeamId, Func<string, Task<T>> call, CancellationToken cancellationToken) =>
        WithUserInstallationAsync(userId, slackTeamId, installation => call(installation.AccessToken), cancellationToken);

    /// <summary>As <see cref="WithUserTokenAsync{T}"/>, for a call that also needs who the user is in Slack (one read of the installation).</summary>
    public async Task<T> WithUserInstallationAsync<T>(
        UserId userId, SlackTeamId slackTeamId, Func<SlackUserInstallation, Task<T>> call, CancellationToken cancellationToken)
    {
        var installation = await GetUserInstallationAsync(userId, slackTeamId, cancellationToken).ConfigureAwait(false);
        try
        {
            return await call(installation).ConfigureAwait(false);
        }
        catch (SlackApiException exception) when (exception.IsTokenRevoked)
        {
            await mediator.Send(new ForgetRevokedTokenCommand(userId, slackTeamId), cancellationToken).ConfigureAwait(false);
            throw SlackNotConnectedException.Revoked(slackTeamId.Value);
        }
    }
}
