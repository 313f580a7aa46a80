using System.Diagnostics.Metrics;
using CodeStream.Integrations.Application.Common.WorkQueue;

namespace CodeStream.Integrations.Infrastructure.Observability;

/// <summary>
/// The integration's meter (docs/slack-behaviour.md, “Operations”): Slack events received, processed, ignored and failed; Slack Web API calls and
/// rate-limit waits. Exported by whatever the host wires (OpenTelemetry, dotnet-counters).
/// </summary>
public sealed class IntegrationMetrics
{
    public const string MeterName = "CodeStream.Integrations";

    private readonly Counter<long> _eventsReceived;
    private readonly Counter<long> _workCompleted;
    private readonly Counter<long> _slackCalls;
    private readonly Counter<long> _rateLimitWaits;
    private readonly Histogram<double> _rateLimitPauses;
    private readonly Counter<long> _dbStatements;

    public IntegrationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _eventsReceived = meter.CreateCounter<long>("codestream.slack.events_received", description: "Slack events stored in the inbox");
        _workCompleted = meter.CreateCounter<long>("codestream.work_items", description: "Work items finished, by kind and outcome");
        _slackCalls = meter.CreateCounter<long>("codestream.slack.api_calls", description: "Slack Web API calls, by method and outcome");
        _rateLimitWaits = meter.CreateCounter<long>("codestream.slack.rate_limit_waits", description: "Slack calls not made because their workspace and method were paused by a 429");
        _dbStatements = meter.CreateCounter<long>("codestream.db.statements", description: "SQL statements sent through the repositories");
        _rateLimitPauses = meter.CreateHistogram<double>("codestream.slack.rate_limit_pauses", unit: "s", description: "Pauses of a workspace's method after Slack answered 429, by method: their Retry-After");
    }

    public void EventReceived(bool duplicate) => _eventsReceived.Add(1, new KeyValuePair<string, object?>("duplicate", duplicate));

    public void WorkFinished(string kind, WorkItemState state) =>
        _workCompleted.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("state", state.ToString().ToLowerInvariant()));

    public void SlackCall(string method, string outcome) =>
        _slackCalls.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("outcome", outcome));

    public void DbStatements(long count) => _dbStatements.Add(count);

    public void RateLimitWait(string method) => _rateLimitWaits.Add(1, new KeyValuePair<string, object?>("method", method));

    public void RateLimitPause(string method, TimeSpan retryAfter) =>
        _rateLimitPauses.Record(retryAfter.TotalSeconds, new KeyValuePair<string, object?>("method", method));
}
