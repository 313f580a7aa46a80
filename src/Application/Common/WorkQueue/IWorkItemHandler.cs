namespace CodeStream.Integrations.Application.Common.WorkQueue;

/// <summary>Handles the work items of one <see cref="Kind"/>; runs in its own DI scope, at least once per item.</summary>
public interface IWorkItemHandler
{
    string Kind { get; }

    /// <summary>
    /// True when everything the handler changes is in this database: it may read from Slack or Teams but never posts,
    /// updates or deletes there in the item's scope (anything stored for later, like a copy to post, is queued in the
    /// same transaction). Its transactions may then commit without waiting for the disk; after a database crash that
    /// lost them, the item simply runs again.
    /// </summary>
    bool ChangesOnlyThisDatabase => false;

    /// <summary>Must be idempotent: an item may be handled again after a crash or a lapsed lease.</summary>
    Task<WorkOutcome> HandleAsync(WorkItem item, CancellationToken cancellationToken);
}
