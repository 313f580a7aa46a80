namespace CodeStream.Integrations.Application.Common.Persistence;

/// <summary>One database transaction around a command; repositories of the same scope take part in it.</summary>
public interface IUnitOfWork
{
    Task BeginAsync(CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);

    Task RollbackAsync(CancellationToken cancellationToken);
}
