using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using CodeStream.Integrations.Application.Common.Persistence;
using Dapper;

namespace CodeStream.Integrations.Infrastructure.Persistence;

/// <summary>
/// <see cref="IExclusiveLock"/>: on PostgreSQL a transaction-scoped advisory lock (<c>pg_advisory_xact_lock</c>) on
/// its own connection, released by the commit on dispose or by the server when the holder's connection dies; on
/// SQLite a semaphore per name in this process.
/// </summary>
internal sealed class DatabaseExclusiveLock(IDbConnectionFactory connections) : IExclusiveLock
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _local = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        // Waiters of this process queue here, not on pooled connections: only one per name asks the database.
        var gate = _local.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(Wait, cancellationToken).ConfigureAwait(false))
        {
            throw new TimeoutException($"The lock '{name}' was not released within {Wait.TotalSeconds:0} s.");
        }

        if (connections.Provider != DatabaseProvider.Postgres)
        {
            return new Release(() => { gate.Release(); return ValueTask.CompletedTask; });
        }

        DbConnection? connection = null;
        DbTransaction? transaction = null;
        try
        {
            connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                $"SET LOCAL lock_timeout = '{(int)Wait.TotalMilliseconds}ms'; SELECT pg_advisory_xact_lock(@Key)",
                new { Key = KeyOf(name) }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await CloseAsync(connection, transaction).ConfigureAwait(false);
            gate.Release();
            if (exception is DbException && transaction is not null)
            {
                throw new TimeoutException($"The lock '{name}' was not obtained within {Wait.TotalSeconds:0} s.", exception);
            }

            throw;
        }

        return new Release(async () =>
        {
            await CloseAsync(connection, transaction, commit: true).ConfigureAwait(false);
            gate.Release();
        });
    }

    /// <summary>Ends the lock's transaction (the server lets go of the lock with it) and returns the connection; never throws.</summary>
    private static async Task CloseAsync(DbConnection? connection, DbTransaction? transaction, bool commit = false)
    {
        try
        {
            if (transaction is not null && commit)
            {
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (DbException)
        {
            // The connection broke while held: the server has released the lock already.
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }

            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>A stable 64-bit key for the name (advisory locks are keyed by bigint).</summary>
    private static long KeyOf(string name) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0);

    private sealed class Release(Func<ValueTask> release) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync() => Interlocked.Exchange(ref _released, 1) == 0 ? release() : ValueTask.CompletedTask;
    }
}
