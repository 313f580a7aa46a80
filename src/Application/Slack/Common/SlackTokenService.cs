using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Common;

/// <summary>
/// Hands out a user's Slack token for a workspace, refreshing a rotating token shortly before it expires, and forgets
/// tokens Slack says are revoked.
/// </summary>
internal sealed class SlackTokenService(
    ISlackInstallationRepository installations, ISlackGateway slack, IMediator mediator, SlackSettings settings, TimeProvider clock)
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

        var now = clock.GetUtcNow();
        if (!installation.NeedsRefresh(now, settings.TokenRefreshMargin))
        {
            return installation;
        }

        SlackRefreshedToken refreshed;
        try
        {
            refreshed = await slack.RefreshTokenAsync(installation.RefreshToken!, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException exception) when (exception.IsTokenRevoked || exception.Error is "invalid_refresh_token" or "invalid_grant")
        {
            // Another request may have rotated this token a moment ago (refresh tokens are single-use): keep its result.
            var current = await installations.FindUserAsync(userId, slackTeamId, cancellationToken).ConfigureAwait(false);
            if (current is not null && current.AccessToken != installation.AccessToken)
            {
                return current;
            }

            await mediator.Send(new ForgetRevokedTokenCommand(userId, slackTeamId), cancellationToken).ConfigureAwait(false);
            throw SlackNotConnectedException.Revoked(slackTeamId.Value);
        }

        var renewed = installation with
        {
            AccessToken = refreshed.AccessToken,
            RefreshToken = refreshed.RefreshToken ?? installation.RefreshToken,
            ExpiresAt = refreshed.Lifetime is { } lifetime ? now + lifetime : null,
        };
        await mediator.Send(new StoreRefreshedTokenCommand(renewed), cancellationToken).ConfigureAwait(false);
        return renewed;
    }

    /// <summary>Runs a Slack call with the user's token; a revoked token is removed and reported as "reconnect Slack".</summary>
    public async Task<T> WithUserTokenAsync<T>(
        UserId userId, SlackTeamId slackTeamId, Func<string, Task<T>> call, CancellationToken cancellationToken)
    {
        var installation = await GetUserInstallationAsync(userId, slackTeamId, cancellationToken).ConfigureAwait(false);
        try
        {
            return await call(installation.AccessToken).ConfigureAwait(false);
        }
        catch (SlackApiException exception) when (exception.IsTokenRevoked)
        {
            await mediator.Send(new ForgetRevokedTokenCommand(userId, slackTeamId), cancellationToken).ConfigureAwait(false);
            throw SlackNotConnectedException.Revoked(slackTeamId.Value);
        }
    }
}
