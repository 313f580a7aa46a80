namespace CodeStream.Integrations.Application.Common.Persistence;

/// <summary>One database transaction around a command; repositories of the same scope take part in it.</summary>
public interface IUnitOfWork
{
    Task BeginAsync(CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);

    Task RollbackAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Until disposed, a write outside a transaction is refused (it throws): the pipeline wraps every query and flow in
    /// this, so a request that writes without being a command fails in the first test that reaches the write.
    /// </summary>
    IDisposable ForbidWritesOutsideTransactions();
}
