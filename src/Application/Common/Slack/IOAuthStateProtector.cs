namespace CodeStream.Integrations.Application.Common.Slack;

/// <summary>What a connect link's <c>state</c> carries: who is connecting, until when it is valid.</summary>
public sealed record OAuthState(string UserId, string TeamId, DateTimeOffset ExpiresAt, string Nonce);

/// <summary>Signs (and encrypts) OAuth state so it cannot be forged or altered in the user's browser.</summary>
public interface IOAuthStateProtector
{
    string Protect(OAuthState state);

    /// <summary>The state, or <c>null</c> when it was tampered with or not made by this host.</summary>
    OAuthState? Unprotect(string protectedState);
}
