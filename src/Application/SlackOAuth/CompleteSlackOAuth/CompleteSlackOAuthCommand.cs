using MediatR;

namespace CodeStream.Integrations.Application.SlackOAuth.CompleteSlackOAuth;

/// <summary>Slack sent the user's browser back to the redirect URL with <c>code</c> and <c>state</c> (or <c>error</c>).</summary>
public sealed record CompleteSlackOAuthCommand(string? Code, string? State, string? Error) : IRequest<SlackConnectionResult>
{
    /// <summary>Never print the code or state: the code is a credential until it is exchanged.</summary>
    public override string ToString() => "CompleteSlackOAuthCommand { … }";
}

public enum SlackConnectionOutcome
{
    Connected,
    Cancelled,
    InvalidState,
    ExpiredState,
    InvalidRequest,
    ExchangeFailed,
    Unavailable,
}

/// <summary>What the user's browser is told; <see cref="Message"/> is safe to show (no secrets).</summary>
public sealed record SlackConnectionResult(SlackConnectionOutcome Outcome, string Message, string? SlackTeamId = null, string? SlackTeamName = null)
{
    public bool Succeeded => Outcome == SlackConnectionOutcome.Connected;
}
