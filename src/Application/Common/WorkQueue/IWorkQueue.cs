namespace CodeStream.Integrations.Application.Common.WorkQueue;

/// <summary>The durable queue behind the inbox and the outbox. Writes join the scope's unit of work.</summary>
public interface IWorkQueue
{
    /// <summary>Stores the item; <c>false</c> when one with the same kind and dedupe key exists (never processed twice).</summary>
    Task<bool> EnqueueAsync(NewWorkItem item, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> due items for <paramref name="lease"/> (also items whose earlier claim lapsed,
    /// e.g. after a crash). Each item is claimed by one worker at a time, across host instances.
    /// </summary>
    Task<IReadOnlyList<WorkItem>> ClaimAsync(string workerId, int limit, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Records the outcomes of claimed items in one transaction; a retry is due at its <c>NextAttemptAt</c>.</summary>
    Task CompleteAsync(IReadOnlyList<WorkCompletion> completions, CancellationToken cancellationToken);

    /// <summary>Makes failed items due again (operators' retry); returns how many.</summary>
    Task<int> RetryFailedAsync(string? kind, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<WorkItemState, long>> CountByStateAsync(string kind, CancellationToken cancellationToken);

    Task<IReadOnlyList<WorkItem>> ListAsync(string kind, WorkItemState state, int limit, CancellationToken cancellationToken);
}
