namespace CodeStream.Integrations.Infrastructure.WorkQueue;

/// <summary>The <c>workQueue</c> section: how the background processor drains the inbox and outbox.</summary>
public sealed class WorkQueueOptions
{
    public const string SectionName = "workQueue";

    /// <summary>
    /// Items of the background lane (Slack events) in flight at once. Sized for Slack's latency: an item waiting
    /// 100 ms on Slack holds its slot, not a thread; more than this mostly adds SQLite connections whose page caches
    /// every commit empties (measured: 64 drains faster than 256, in less memory).
    /// </summary>
    public int Capacity { get; set; } = 64;

    /// <summary>Items of the user-facing lane (shares, reply copies, modal replies) in flight at once; a lane of its own.</summary>
    public int UserFacingCapacity { get; set; } = 64;

    /// <summary>At most this many items are claimed by one statement.</summary>
    public int ClaimBatchSize { get; set; } = 64;

    /// <summary>
    /// How long a claim holds unless renewed; it is renewed every third of that while the item runs, so a host that
    /// died gives its items up within this time.
    /// </summary>
    public int LeaseSeconds { get; set; } = 10;

    /// <summary>An item still running after this long is given up (it will be retried, then parked).</summary>
    public int ItemTimeoutSeconds { get; set; } = 90;

    /// <summary>How often to look for due work when nothing woke the processor.</summary>
    public int PollIntervalMilliseconds { get; set; } = 500;

    /// <summary>After this many attempts (each claim counts, so crashes and hangs too) an item is parked as failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry delay; it doubles per attempt, capped at <see cref="MaxRetryDelaySeconds"/>.</summary>
    public int RetryBaseDelayMilliseconds { get; set; } = 1000;

    /// <summary>The longest retry delay.</summary>
    public int MaxRetryDelaySeconds { get; set; } = 300;

    /// <summary>Finished (done or ignored) items are deleted this long after they finished; pending and failed ones stay.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// While Slack deliveries queue for the database (crowded rounds), events are processed at a quarter of
    /// <see cref="Capacity"/> so acknowledgements keep their priority; user-facing work is never held back.
    /// </summary>
    public bool YieldToInbox { get; set; } = true;

    /// <summary>How often finished items past their retention are looked for.</summary>
    public int PruneIntervalSeconds { get; set; } = 300;

    /// <summary>Set to false to run a host that only accepts work (another instance processes it).</summary>
    public bool ProcessorEnabled { get; set; } = true;

    public TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(1, LeaseSeconds));

    public TimeSpan ItemTimeout => TimeSpan.FromSeconds(Math.Max(1, ItemTimeoutSeconds));

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(Math.Max(1, PollIntervalMilliseconds));
}
