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
        if (connections.Provider != DatabaseProvider.Postgres)
        {
            var gate = _local.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
            if (!await gate.WaitAsync(Wait, cancellationToken).ConfigureAwait(false))
            {
                throw new TimeoutException($"The lock '{name}' was not released within {Wait.TotalSeconds:0} s.");
            }

            return new Release(() => { gate.Release(); return ValueTask.CompletedTask; });
        }

        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        DbTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                $"SET LOCAL lock_timeout = '{(int)Wait.TotalMilliseconds}ms'; SELECT pg_advisory_xact_lock(@Key)",
                new { Key = KeyOf(name) }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var held = transaction;
            return new Release(async () =>
            {
                await held.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                await held.DisposeAsync().ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
            });
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }

            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
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
