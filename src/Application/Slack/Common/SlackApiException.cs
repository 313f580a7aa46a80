using CodeStream.Integrations.Application.Common.Exceptions;

namespace CodeStream.Integrations.Application.Slack.Common;

/// <summary>
/// Slack answered <c>ok:false</c> (or could not be reached after the retries): <see cref="Error"/> is Slack's error
/// code (<c>channel_not_found</c>, <c>missing_scope</c>, …) and <see cref="NeededScope"/> the scope Slack asked for.
/// </summary>
public sealed class SlackApiException(string method, string error, string? neededScope = null, Exception? inner = null, TimeSpan? retryAfter = null)
    : RemoteServiceException($"Slack {method} failed: {error}{(neededScope is null ? string.Empty : $" (needs {neededScope})")}", inner)
{
    /// <summary>Our own code for "Slack could not be reached or kept failing after the retries".</summary>
    public const string Unavailable = "slack_unavailable";

    public string Method { get; } = method;

    public string Error { get; } = error;

    public string? NeededScope { get; } = neededScope;

    /// <summary>
    /// Worth another attempt later: a rate limit, an outage, or a rotating token that expired under the call (the
    /// next attempt refreshes it first).
    /// </summary>
    public override bool IsTransient => Error is "ratelimited" or Unavailable or "token_expired";

    /// <summary>For <c>ratelimited</c>: Slack's <c>Retry-After</c> (or what is left of a pause already known).</summary>
    public override TimeSpan? RetryAfter { get; } = error == "ratelimited" ? retryAfter ?? TimeSpan.FromSeconds(1) : null;

    public override string Reason => $"slack {Method}: {Error}";

    /// <summary>The token no longer works: it must be removed and the user asked to reconnect.</summary>
    /// <remarks><c>token_expired</c> is not revocation: a rotating token is refreshed, not forgotten.</remarks>
    public bool IsTokenRevoked => Error is "invalid_auth" or "token_revoked" or "account_inactive" or "not_authed";

    /// <summary>A refresh (or exchange) Slack answered with this cannot succeed later: the grant itself is gone.</summary>
    public bool IsRefreshRefused => IsTokenRevoked || Error is "invalid_refresh_token" or "invalid_grant" or "token_expired" or "token_already_exchanged";
}
