namespace CodeStream.Integrations.Application.Common.WorkQueue;

/// <summary>The life of a durable work item: waiting, claimed, then one of three ends.</summary>
public enum WorkItemState
{
    Pending,
    Processing,
    Done,
    Ignored,
    Failed,
}

/// <summary>
/// A unit of durable work of some module: e.g. an event to ingest (the inbox) or a CodeStream change to mirror out (the
/// outbox). <see cref="DedupeKey"/> is unique per <see cref="Kind"/>, so a redelivery or a second enqueue is a no-op.
/// </summary>
public sealed record WorkItem(
    string Id,
    string Kind,
    string DedupeKey,
    string Payload,
    WorkItemState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? Result,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A new item to store.</summary>
public sealed record NewWorkItem(string Kind, string DedupeKey, string Payload);

/// <summary>What handling an item came to.</summary>
public sealed record WorkOutcome(WorkItemState State, string? Result, TimeSpan? RetryAfter = null)
{
    public static WorkOutcome Done(string? note = null) => new(WorkItemState.Done, note);

    /// <summary>Nothing to do for this item (not our thread, our own echo, …); the reason is kept for operators.</summary>
    public static WorkOutcome Ignored(string reason) => new(WorkItemState.Ignored, reason);

    /// <summary>A transient failure: try again later (after <paramref name="after"/> when the remote service said so).</summary>
    public static WorkOutcome Retry(string error, TimeSpan? after = null) => new(WorkItemState.Pending, error, after);

    /// <summary>A permanent failure: park the item as failed with its reason.</summary>
    public static WorkOutcome Failed(string error) => new(WorkItemState.Failed, error);
}

/// <summary>The outcome of one claimed item, to record.</summary>
public sealed record WorkCompletion(string Id, WorkOutcome Outcome, DateTimeOffset NextAttemptAt);
