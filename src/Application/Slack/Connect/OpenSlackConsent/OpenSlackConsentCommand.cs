using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Slack.Connect.CompleteSlackOAuth;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Connect.OpenSlackConsent;

/// <summary>
/// A browser opened the connect link: check its ticket, then answer with Slack's consent page URL, whose state is bound
/// to a fresh nonce the web layer puts into that browser's cookie.
/// </summary>
public sealed record OpenSlackConsentCommand(string? Ticket) : IQuery<SlackConsentStart>
{
    /// <summary>The ticket names a user; it stays out of the logs.</summary>
    public override string ToString() => "OpenSlackConsentCommand { … }";
}

/// <summary>Either where to send the browser, with the nonce for its cookie, or why not (a message safe to show).</summary>
public sealed record SlackConsentStart(SlackConnectionResult? Refusal, Uri? SlackAuthorizeUrl, string? BrowserNonce, DateTimeOffset ExpiresAt)
{
    public static SlackConsentStart Refused(SlackConnectionOutcome outcome, string message) => new(new SlackConnectionResult(outcome, message), null, null, default);
}
