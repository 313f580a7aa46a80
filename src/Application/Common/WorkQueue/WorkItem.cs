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
/// <see cref="Attempts"/> counts claims, so with the worker that holds it, it is also the item's lease token.
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
    DateTimeOffset UpdatedAt,
    WorkLane Lane = WorkLane.Background);

/// <summary>A new item to store, in the lane its module chose.</summary>
public sealed record NewWorkItem(string Kind, string DedupeKey, string Payload, WorkLane Lane = WorkLane.Background);

/// <summary>What handling an item came to.</summary>
public sealed record WorkOutcome(WorkItemState State, string? Result, TimeSpan? RetryAfter = null, bool RefundsAttempt = false)
{
    public static WorkOutcome Done(string? note = null) => new(WorkItemState.Done, note);

    /// <summary>Nothing to do for this item (not our thread, our own echo, …); the reason is kept for operators.</summary>
    public static WorkOutcome Ignored(string reason) => new(WorkItemState.Ignored, reason);

    /// <summary>A transient failure: try again later (after <paramref name="after"/> when the remote service said so).</summary>
    public static WorkOutcome Retry(string error, TimeSpan? after = null) => new(WorkItemState.Pending, error, after);

    /// <summary>
    /// Not tried at all (the remote service asked us to wait, e.g. a rate limit): due again after
    /// <paramref name="after"/>, and the attempt does not count towards the item's limit.
    /// </summary>
    public static WorkOutcome Defer(string reason, TimeSpan after) => new(WorkItemState.Pending, reason, after, RefundsAttempt: true);

    /// <summary>A permanent failure: park the item as failed with its reason.</summary>
    public static WorkOutcome Failed(string error) => new(WorkItemState.Failed, error);
}

/// <summary>
/// The outcome of one claimed item, to record. <see cref="Attempts"/> is the claim it belongs to: a completion whose
/// claim lapsed (and was taken up by another worker) changes nothing.
/// </summary>
public sealed record WorkCompletion(string Id, int Attempts, WorkOutcome Outcome, DateTimeOffset NextAttemptAt);
