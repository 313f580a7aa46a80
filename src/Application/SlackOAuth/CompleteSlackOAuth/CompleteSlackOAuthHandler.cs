using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Common.Slack;
using CodeStream.Integrations.Domain.Slack;
using CodeStream.Integrations.Domain.Teams;
using CodeStream.Integrations.Domain.Users;
using MediatR;

namespace CodeStream.Integrations.Application.SlackOAuth.CompleteSlackOAuth;

/// <summary>
/// Verifies the state, exchanges the code, then — in one transaction, after the Slack call — stores the bot and user
/// tokens, links the Slack identity and merges the faux user that stood in for this person. Every failure stores nothing.
/// </summary>
internal sealed class CompleteSlackOAuthHandler(
    SlackSettings settings,
    IOAuthStateProtector stateProtector,
    ISlackGateway slack,
    IUserRepository users,
    ISlackInstallationRepository installations,
    ISlackIdentityRepository identities,
    IUserMergeRepository merges,
    IUnitOfWork unitOfWork,
    TimeProvider clock) : IRequestHandler<CompleteSlackOAuthCommand, SlackConnectionResult>
{
    public async Task<SlackConnectionResult> Handle(CompleteSlackOAuthCommand request, CancellationToken cancellationToken)
    {
        if (settings.Disabled || !settings.OAuthConfigured)
        {
            return Fail(SlackConnectionOutcome.Unavailable, settings.Disabled ? "Slack integration is disabled." : "Slack OAuth is not configured on this server.");
        }

        var state = string.IsNullOrEmpty(request.State) ? null : stateProtector.Unprotect(request.State);
        if (state is null || !UserId.TryParse(state.UserId, out var userId) || !TeamId.TryParse(state.TeamId, out var teamId))
        {
            return Fail(SlackConnectionOutcome.InvalidState, "The Slack connection link is not valid (it was altered or not issued by this server). Start again from CodeStream.");
        }

        var now = clock.GetUtcNow();
        if (now > state.ExpiresAt)
        {
            return Fail(SlackConnectionOutcome.ExpiredState, "The Slack connection link has expired. Start again from CodeStream.");
        }

        if (!string.IsNullOrEmpty(request.Error))
        {
            return request.Error == "access_denied"
                ? Fail(SlackConnectionOutcome.Cancelled, "Slack connection was cancelled.")
                : Fail(SlackConnectionOutcome.ExchangeFailed, $"Slack did not grant access ({Sanitize(request.Error)}).");
        }

        if (string.IsNullOrWhiteSpace(request.Code))
        {
            return Fail(SlackConnectionOutcome.InvalidRequest, "Slack did not send an authorization code.");
        }

        var user = await users.GetAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null || user.TeamId != teamId || user.IsFaux)
        {
            return Fail(SlackConnectionOutcome.InvalidState, "The CodeStream user of this connection link no longer exists.");
        }

        SlackOAuthGrant grant;
        try
        {
            grant = await slack.ExchangeOAuthCodeAsync(request.Code, settings.RedirectUri.ToString(), cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException exception)
        {
            return Fail(SlackConnectionOutcome.ExchangeFailed, $"Slack refused the connection ({exception.Error}). Start again from CodeStream.");
        }

        if (!SlackTeamId.TryParse(grant.SlackTeamId, out var slackTeamId)
            || !SlackUserId.TryParse(grant.SlackUserId, out var slackUserId)
            || !SlackUserId.TryParse(grant.BotUserId, out var botUserId))
        {
            return Fail(SlackConnectionOutcome.ExchangeFailed, "Slack answered with ids this server does not understand.");
        }

        await unitOfWork.InTransactionAsync(
            async () =>
            {
                await installations.UpsertBotAsync(
                    new SlackBotInstallation(teamId, slackTeamId, grant.SlackTeamName, botUserId, grant.AppId, grant.BotToken, grant.BotScopes, now),
                    cancellationToken).ConfigureAwait(false);
                await installations.UpsertUserAsync(
                    new SlackUserInstallation(
                        userId, teamId, slackTeamId, slackUserId, grant.UserToken, grant.UserScopes, grant.UserRefreshToken,
                        grant.UserTokenLifetime is { } lifetime ? now + lifetime : null, now),
                    cancellationToken).ConfigureAwait(false);

                var identity = new SlackIdentity(slackTeamId, slackUserId);
                var faux = await users.FindByExternalIdAsync(teamId, identity.FauxExternalUserId(teamId), cancellationToken).ConfigureAwait(false);
                if (faux is not null)
                {
                    await merges.MergeAsync(faux.Id, userId, cancellationToken).ConfigureAwait(false);
                }

                await identities.RelinkAsync(new SlackIdentityLink(identity, teamId, userId, now), cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);

        return new SlackConnectionResult(SlackConnectionOutcome.Connected, $"Slack connected to {grant.SlackTeamName ?? grant.SlackTeamId}.", grant.SlackTeamId, grant.SlackTeamName);
    }

    private static SlackConnectionResult Fail(SlackConnectionOutcome outcome, string message) => new(outcome, message);

    // Slack's error codes are short snake_case words; anything else is not echoed back.
    private static string Sanitize(string error) =>
        error.Length <= 64 && error.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.') ? error : "unexpected error";
}
