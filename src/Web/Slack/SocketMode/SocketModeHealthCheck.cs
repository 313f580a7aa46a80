using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CodeStream.Integrations.Web.Slack.SocketMode;

/// <summary>
/// Part of <c>/health/ready</c> when Socket Mode is on: healthy while a connection is up, degraded while none is
/// (connecting, reconnecting), unhealthy when Slack refused the app-level token (nothing arrives until an operator acts).
/// </summary>
internal sealed class SocketModeHealthCheck(SocketModeStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var s = status.Snapshot();
        var data = new Dictionary<string, object>
        {
            ["connectionsWanted"] = s.ConnectionsWanted,
            ["connectionsUp"] = s.ConnectionsUp,
            ["lastHello"] = Time(s.LastHello),
            ["lastEnvelope"] = Time(s.LastEnvelope),
            ["reconnects"] = s.Reconnects,
            ["envelopes"] = s.Envelopes,
            ["acknowledged"] = s.Acknowledged,
            ["lastReconnectReason"] = s.LastReconnectReason ?? string.Empty,
        };
        var result = s switch
        {
            { Failure: { } failure } => HealthCheckResult.Unhealthy("Socket Mode stopped: " + failure, data: data),
            { ConnectionsUp: 0 } => HealthCheckResult.Degraded("Socket Mode: no connection up yet (connecting)", data: data),
            _ => HealthCheckResult.Healthy($"Socket Mode: {s.ConnectionsUp} of {s.ConnectionsWanted} connections up", data),
        };
        return Task.FromResult(result);
    }

    private static string Time(DateTimeOffset? at) => at?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty;
}
