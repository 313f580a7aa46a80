using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Connect.CompleteSlackOAuth;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Connect.OpenSlackConsent;

internal sealed class OpenSlackConsentHandler(SlackSettings settings, IOAuthStateProtector protector, TimeProvider clock)
    : IRequestHandler<OpenSlackConsentCommand, SlackConsentStart>
{
    public Task<SlackConsentStart> Handle(OpenSlackConsentCommand request, CancellationToken cancellationToken)
    {
        if (settings.Disabled || !settings.OAuthConfigured)
        {
            return Task.FromResult(SlackConsentStart.Refused(
                SlackConnectionOutcome.Unavailable, settings.Disabled ? "Slack integration is disabled." : "Slack OAuth is not configured on this server."));
        }

        var ticket = string.IsNullOrEmpty(request.Ticket) ? null : protector.UnprotectTicket(request.Ticket);
        if (ticket is null)
        {
            return Task.FromResult(SlackConsentStart.Refused(SlackConnectionOutcome.InvalidState, SlackConnectMessages.InvalidLink));
        }

        var now = clock.GetUtcNow();
        if (now > ticket.ExpiresAt)
        {
            return Task.FromResult(SlackConsentStart.Refused(SlackConnectionOutcome.ExpiredState, SlackConnectMessages.ExpiredLink));
        }

        var nonce = BrowserNonce.Create();
        var expiresAt = now + settings.OAuthStateLifetime;
        var state = protector.Protect(new OAuthState(ticket.UserId, ticket.TeamId, expiresAt, BrowserNonce.Hash(nonce)));
        var query = string.Join('&', new[]
        {
            ("client_id", settings.ClientId ?? string.Empty),
            ("scope", SlackSettings.BotScopes),
            ("user_scope", SlackSettings.UserScopes),
            ("redirect_uri", settings.RedirectUri.ToString()),
            ("state", state),
        }.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
        var authorize = settings.OAuthAuthorizeUrl.ToString();
        var url = new Uri($"{authorize}{(authorize.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{query}");
        return Task.FromResult(new SlackConsentStart(null, url, nonce, expiresAt));
    }
}
