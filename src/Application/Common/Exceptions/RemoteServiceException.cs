namespace CodeStream.Integrations.Application.Common.Exceptions;

/// <summary>
/// A remote service (Slack's Web API, later Microsoft's Bot Connector) refused a call or could not be reached. Shared
/// code acts on <see cref="IsTransient"/> alone: the work queue tries transient failures again later.
/// </summary>
public abstract class RemoteServiceException(string message, Exception? inner) : Exception(message, inner)
{
    /// <summary>Rate-limited or unavailable: the same call may well succeed later.</summary>
    public abstract bool IsTransient { get; }

    /// <summary>How long the service asked us to wait (a rate limit's <c>Retry-After</c>); <c>null</c> when it did not say.</summary>
    public virtual TimeSpan? RetryAfter => null;

    /// <summary>A short reason for a work item's result (the service, the call, its error code).</summary>
    public abstract string Reason { get; }
}
