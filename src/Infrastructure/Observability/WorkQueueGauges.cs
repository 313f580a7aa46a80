using System.Diagnostics.Metrics;
using CodeStream.Integrations.Application.Common.WorkQueue;

namespace CodeStream.Integrations.Infrastructure.Observability;

/// <summary>
/// The queue's depth (items per kind and state) and the age of its oldest unfinished item per lane, as observable
/// gauges: sampled by the maintenance loop, so reading the metrics never queries the database.
/// </summary>
public sealed class WorkQueueGauges
{
    private volatile Snapshot _latest = new([], new Dictionary<WorkLane, DateTimeOffset>(), DateTimeOffset.MinValue);

    public WorkQueueGauges(IMeterFactory meters, TimeProvider clock)
    {
        var meter = meters.Create(IntegrationMetrics.MeterName);
        meter.CreateObservableGauge(
            "codestream.work_queue.depth",
            () => _latest.Counts
                .Where(c => c.State is WorkItemState.Pending or WorkItemState.Processing or WorkItemState.Failed)
                .Select(c => new Measurement<long>(
                    c.Count,
                    new KeyValuePair<string, object?>("kind", c.Kind),
                    new KeyValuePair<string, object?>("state", c.State.ToString().ToLowerInvariant()))),
            description: "Work items waiting, running or parked as failed, by kind and state");
        meter.CreateObservableGauge(
            "codestream.work_queue.oldest_pending_age",
            () => Enum.GetValues<WorkLane>().Select(lane => new Measurement<double>(
                _latest.OldestPending.TryGetValue(lane, out var oldest) ? Math.Max(0, (clock.GetUtcNow() - oldest).TotalSeconds) : 0,
                new KeyValuePair<string, object?>("lane", lane.ToString()))),
            unit: "s",
            description: "How long the oldest unfinished item of each lane has been waiting");
    }

    public void Update(WorkQueueOverview overview, DateTimeOffset at) => _latest = new(overview.Counts, overview.OldestPendingByLane, at);

    private sealed record Snapshot(IReadOnlyList<WorkKindCount> Counts, IReadOnlyDictionary<WorkLane, DateTimeOffset> OldestPending, DateTimeOffset At);
}
