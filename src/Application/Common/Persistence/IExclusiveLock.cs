namespace CodeStream.Integrations.Application.Common.Persistence;

/// <summary>
/// One holder at a time for a name, across every host on the database (an advisory lock on PostgreSQL; within the
/// process on SQLite, whose scale-out path is PostgreSQL). For rare, short critical sections such as rotating a
/// single-use refresh token: the holder's result is stored before release, and waiters read it.
/// </summary>
public interface IExclusiveLock
{
    /// <summary>Waits for the lock (30 s at most, then <see cref="TimeoutException"/>); disposing releases it.</summary>
    Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken cancellationToken);
}
