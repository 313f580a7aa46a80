using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Connect.CompleteSlackOAuth;

/// <summary>
/// Checks that the state is ours, unexpired, from this browser and unused (then consumes it); exchanges the code; reads
/// the Slack account with its new user token and requires its e-mail to be the CodeStream user's; refuses a Slack
/// account linked to someone else; then stores the tokens, the link and the faux-user merge together
/// (<see cref="RecordSlackConnectionCommand"/>). Every refusal stores no token and changes no link.
/// </summary>
internal sealed class CompleteSlackOAuthHandler(
    SlackSettings settings,
    IOAuthStateProtector stateProtector,
    ISlackGateway slack,
    IUserRepository users,
    ISlackIdentityRepository identities,
    IMediator mediator,
    Identity.SlackPeopleCache people,
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
            return Fail(SlackConnectionOutcome.InvalidState, SlackConnectMessages.InvalidLink);
        }

        if (!BrowserNonce.Matches(request.BrowserNonce, state.BrowserNonceHash))
        {
            return Fail(SlackConnectionOutcome.OtherBrowser, SlackConnectMessages.OtherBrowser);
        }

        var now = clock.GetUtcNow();
        if (now > state.ExpiresAt)
        {
            return Fail(SlackConnectionOutcome.ExpiredState, SlackConnectMessages.ExpiredLink);
        }

        // Consumed before Slack is called: of two callbacks racing with one state, exactly one goes on.
        if (!await mediator.Send(new ConsumeOAuthStateCommand(state.BrowserNonceHash, state.ExpiresAt), cancellationToken).ConfigureAwait(false))
        {
            return Fail(SlackConnectionOutcome.StateAlreadyUsed, SlackConnectMessages.AlreadyUsed);
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
        SlackUserProfile account;
        try
        {
            grant = await slack.ExchangeOAuthCodeAsync(request.Code, settings.RedirectUri.ToString(), cancellationToken).ConfigureAwait(false);
            account = await slack.GetUserInfoAsync(grant.UserToken, grant.SlackUserId, cancellationToken).ConfigureAwait(false);
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

        var sameEmail = user.HasEmail(account.Email);
        if (!sameEmail && !settings.AllowEmailMismatch)
        {
            return Fail(SlackConnectionOutcome.EmailMismatch, SlackConnectMessages.EmailMismatch);
        }

        var identity = new SlackIdentity(slackTeamId, slackUserId);
        var linked = await identities.FindAsync(teamId, identity, cancellationToken).ConfigureAwait(false);
        if (linked is not null && linked.UserId != userId)
        {
            return Fail(SlackConnectionOutcome.IdentityLinkedElsewhere, SlackConnectMessages.IdentityLinkedElsewhere);
        }

        var recorded = await mediator.Send(
            new RecordSlackConnectionCommand(
                new SlackIdentityLink(identity, teamId, userId, now),
                new SlackBotInstallation(
                    teamId, slackTeamId, grant.SlackTeamName, botUserId, grant.AppId, grant.BotToken, grant.BotScopes, now,
                    await WorkspaceUrlAsync(grant.BotToken, cancellationToken).ConfigureAwait(false),
                    grant.BotRefreshToken,
                    grant.BotTokenLifetime is { } botLifetime ? now + botLifetime : null),
                new SlackUserInstallation(
                    userId, teamId, slackTeamId, slackUserId, grant.UserToken, grant.UserScopes, grant.UserRefreshToken,
                    grant.UserTokenLifetime is { } lifetime ? now + lifetime : null, now),
                MergeFauxUser: sameEmail),
            cancellationToken).ConfigureAwait(false);
        if (!recorded)
        {
            return Fail(SlackConnectionOutcome.IdentityLinkedElsewhere, SlackConnectMessages.IdentityLinkedElsewhere);
        }

        people.PeopleChanged(); // committed: this Slack user now resolves to the connected user, not a faux one

        var workspace = grant.SlackTeamName ?? grant.SlackTeamId;
        var person = $"{user.DisplayName} ({user.Email})";
        return new SlackConnectionResult(
            SlackConnectionOutcome.Connected,
            $"Slack account @{account.Name} in {workspace} is now connected to CodeStream user {person}.",
            grant.SlackTeamId,
            grant.SlackTeamName)
        {
            SlackUserName = account.Name,
            CodeStreamUser = person,
        };
    }

    private static SlackConnectionResult Fail(SlackConnectionOutcome outcome, string message) => new(outcome, message);

    // Slack's error codes are short snake_case words; anything else is not echoed back.
    /// <summary>Best effort: without it, permalinks are asked of Slack per message instead of built.</summary>
    private async Task<string?> WorkspaceUrlAsync(string botToken, CancellationToken cancellationToken)
    {
        try
        {
            return await slack.GetWorkspaceUrlAsync(botToken, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException)
        {
            return null;
        }
    }

    private static string Sanitize(string error) =>
        error.Length <= 64 && error.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.') ? error : "unexpected error";
}
