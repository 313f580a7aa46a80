namespace CodeStream.Integrations.Application.Slack.Connect;

/// <summary>
/// What the connect link returned by the product API carries: who asked to connect, until when. It only opens the
/// consent page; it is not an OAuth state and cannot complete a connection by itself.
/// </summary>
public sealed record SlackConnectTicket(string UserId, string TeamId, DateTimeOffset ExpiresAt);

/// <summary>
/// What the OAuth <c>state</c> carries: the ticket's user and team, its expiry, and the hash of the nonce kept in the
/// cookie of the browser that opened the consent page (so the state is bound to that browser and used once).
/// </summary>
public sealed record OAuthState(string UserId, string TeamId, DateTimeOffset ExpiresAt, string BrowserNonceHash);

/// <summary>Signs and encrypts connect tickets and OAuth states (each under its own purpose, so one never passes for the other).</summary>
public interface IOAuthStateProtector
{
    string ProtectTicket(SlackConnectTicket ticket);

    /// <summary>The ticket, or <c>null</c> when it was tampered with or not made by this host.</summary>
    SlackConnectTicket? UnprotectTicket(string protectedTicket);

    string Protect(OAuthState state);

    /// <summary>The state, or <c>null</c> when it was tampered with or not made by this host.</summary>
    OAuthState? Unprotect(string protectedState);
}
