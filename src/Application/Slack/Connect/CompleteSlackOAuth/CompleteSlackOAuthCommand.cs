using CodeStream.Integrations.Application.Common.Messaging;

namespace CodeStream.Integrations.Application.Slack.Connect.CompleteSlackOAuth;

/// <summary>
/// Slack sent the user's browser back to the redirect URL with <c>code</c> and <c>state</c> (or <c>error</c>);
/// <see cref="BrowserNonce"/> is the nonce from that browser's connect cookie (absent when it has none).
/// </summary>
public sealed record CompleteSlackOAuthCommand(string? Code, string? State, string? Error, string? BrowserNonce = null) : IFlow<SlackConnectionResult>
{
    /// <summary>Never print the code, state or nonce: each is a credential while the flow runs.</summary>
    public override string ToString() => "CompleteSlackOAuthCommand { … }";
}

public enum SlackConnectionOutcome
{
    Connected,
    Cancelled,
    InvalidState,
    ExpiredState,
    /// <summary>The callback came to a browser without the cookie of the one that started the flow.</summary>
    OtherBrowser,
    /// <summary>The state was consumed before (a replay).</summary>
    StateAlreadyUsed,
    InvalidRequest,
    ExchangeFailed,
    /// <summary>The Slack account's e-mail is not the CodeStream user's (and operators require a match).</summary>
    EmailMismatch,
    /// <summary>The Slack account is linked to another CodeStream user already.</summary>
    IdentityLinkedElsewhere,
    Unavailable,
}

/// <summary>What the user's browser is told; <see cref="Message"/> is safe to show (no secrets).</summary>
public sealed record SlackConnectionResult(SlackConnectionOutcome Outcome, string Message, string? SlackTeamId = null, string? SlackTeamName = null)
{
    public bool Succeeded => Outcome == SlackConnectionOutcome.Connected;

    /// <summary>On success: the Slack account's handle, without the <c>@</c>.</summary>
    public string? SlackUserName { get; init; }

    /// <summary>On success: the CodeStream user now connected (name and e-mail, as that user entered them).</summary>
    public string? CodeStreamUser { get; init; }
}
