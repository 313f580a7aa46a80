namespace CodeStream.Integrations.Application.Common.WorkQueue;

/// <summary>
/// Stores new work durably and fast on the request path: concurrent writes are committed together (group commit),
/// and the task completes only once the item is on disk.
/// </summary>
public interface IWorkItemWriter
{
    /// <summary><c>true</c> when stored, <c>false</c> when an item with the same kind and key already existed.</summary>
    Task<bool> WriteAsync(NewWorkItem item, CancellationToken cancellationToken);
}
