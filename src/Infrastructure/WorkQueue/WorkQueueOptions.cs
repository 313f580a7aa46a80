namespace CodeStream.Integrations.Infrastructure.WorkQueue;

/// <summary>The <c>workQueue</c> section: how the background processor drains the inbox and outbox.</summary>
public sealed class WorkQueueOptions
{
    public const string SectionName = "workQueue";

    /// <summary>Items claimed per round.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Items handled at once.</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>How long a claim holds before another worker may take the item (a crashed worker's items come back).</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How often to look for due work when nothing woke the processor.</summary>
    public int PollIntervalMilliseconds { get; set; } = 500;

    /// <summary>After this many attempts a transient failure parks the item as failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry delay; it doubles per attempt, capped at five minutes.</summary>
    public int RetryBaseDelayMilliseconds { get; set; } = 1000;

    /// <summary>
    /// While Slack deliveries are arriving, process only a trickle (one item at a time, paced) so acknowledging them
    /// keeps the CPU and the database; the backlog is worked off at full speed once the burst is over.
    /// </summary>
    public bool YieldToInbox { get; set; } = true;

    /// <summary>Set to false to run a host that only accepts work (another instance processes it).</summary>
    public bool ProcessorEnabled { get; set; } = true;
}
