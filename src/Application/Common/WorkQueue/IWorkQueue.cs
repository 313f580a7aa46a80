namespace CodeStream.Integrations.Application.Common.WorkQueue;

/// <summary>The durable queue behind the inbox and the outbox. Writes join the scope's unit of work.</summary>
public interface IWorkQueue
{
    /// <summary>Stores the item; <c>false</c> when one with the same kind and dedupe key exists (never processed twice).</summary>
    Task<bool> EnqueueAsync(NewWorkItem item, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> due items of <paramref name="lane"/> for <paramref name="lease"/>, counting an
    /// attempt each. Each item is claimed by one worker at a time, across host instances.
    /// </summary>
    Task<IReadOnlyList<WorkItem>> ClaimAsync(string workerId, WorkLane lane, int limit, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends the leases of every item <paramref name="workerId"/> holds.</summary>
    Task RenewAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Makes items whose lease lapsed (their worker died or hung) due again, or parks those that used up
    /// <paramref name="maxAttempts"/> that way; returns how many were released.
    /// </summary>
    Task<int> ReleaseLapsedAsync(int maxAttempts, CancellationToken cancellationToken);

    /// <summary>Gives back every claim <paramref name="workerId"/> holds (it is shutting down): due again at once, the attempt not counted.</summary>
    Task<int> ReleaseAsync(string workerId, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcomes of <paramref name="workerId"/>'s claims in one transaction; returns how many still held
    /// their lease (the others were taken over and are left alone). Message text is dropped from finished items.
    /// </summary>
    Task<int> CompleteAsync(string workerId, IReadOnlyList<WorkCompletion> completions, CancellationToken cancellationToken);

    /// <summary>Makes failed items due again (operators' retry), of one kind or one item when given; returns how many.</summary>
    Task<int> RetryFailedAsync(string? kind, string? id, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="limit"/> finished (done or ignored) items last touched before <paramref name="before"/>.</summary>
    Task<int> PruneFinishedAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Counts per kind and state (of unfinished and failed items only unless <paramref name="withFinished"/>: finished
    /// items are most of the table), and the oldest unfinished item per lane.
    /// </summary>
    Task<WorkQueueOverview> GetOverviewAsync(bool withFinished, CancellationToken cancellationToken);

    /// <summary>The items in <paramref name="state"/>, newest change first, of one kind when given.</summary>
    Task<IReadOnlyList<WorkItem>> ListAsync(string? kind, WorkItemState state, int limit, CancellationToken cancellationToken);
}
