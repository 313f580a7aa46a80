using System.Collections.Concurrent;

namespace CodeStream.Integrations.Infrastructure.Slack.WebApi;

/// <summary>
/// Slack rate-limits each Web API method per workspace (and app). One 429 pauses that (workspace, method) pair for
/// its <c>Retry-After</c>, for every caller in this process: later callers are turned away at once with what is left
/// of the pause (the work queue defers their items) instead of each meeting its own 429. Other pairs carry on.
/// </summary>
internal sealed class SlackRateLimitGovernor(SlackTokenWorkspaces workspaces, TimeProvider clock, Observability.IntegrationMetrics metrics)
{
    private readonly ConcurrentDictionary<(string Workspace, string Method), DateTimeOffset> _pausedUntil = new();

    /// <summary>What is left of a pause on this token's workspace and method; <c>null</c> when calls may go ahead.</summary>
    public TimeSpan? PausedFor(string? token, string method)
    {
        if (_pausedUntil.IsEmpty)
        {
            return null;
        }

        var key = (workspaces.WorkspaceOf(token), method);
        if (!_pausedUntil.TryGetValue(key, out var until))
        {
            return null;
        }

        var left = until - clock.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            return left;
        }

        _pausedUntil.TryRemove(KeyValuePair.Create(key, until));
        return null;
    }

    /// <summary>Slack answered 429: pause the pair until <paramref name="retryAfter"/> has passed (the later pause wins).</summary>
    public void Pause(string? token, string method, TimeSpan retryAfter)
    {
        var until = clock.GetUtcNow() + retryAfter;
        _pausedUntil.AddOrUpdate((workspaces.WorkspaceOf(token), method), until, (_, existing) => existing > until ? existing : until);
        metrics.RateLimitPause(method, retryAfter);
    }
}
