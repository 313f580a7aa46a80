namespace CodeStream.Integrations.Application.Common.WorkQueue;

/// <summary>What the queue holds: how many items of each kind are in each state, and how long work has been waiting.</summary>
public sealed record WorkQueueOverview(
    IReadOnlyList<WorkKindCount> Counts,
    IReadOnlyDictionary<WorkLane, DateTimeOffset> OldestPendingByLane);

/// <summary>The number of items of <see cref="Kind"/> in <see cref="State"/>.</summary>
public sealed record WorkKindCount(string Kind, WorkItemState State, long Count);
