namespace CodeStream.Integrations.Application.Common.WorkQueue;

/// <summary>Handles the work items of one <see cref="Kind"/>; runs in its own DI scope, at least once per item.</summary>
public interface IWorkItemHandler
{
    string Kind { get; }

    /// <summary>Must be idempotent: an item may be handled again after a crash or a lapsed lease.</summary>
    Task<WorkOutcome> HandleAsync(WorkItem item, CancellationToken cancellationToken);
}
