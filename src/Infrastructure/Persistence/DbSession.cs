using System.Data.Common;
using CodeStream.Integrations.Application.Common.Persistence;
using Npgsql;

namespace CodeStream.Integrations.Infrastructure.Persistence;

/// <summary>
/// The connection (and transaction, inside a unit of work) of one DI scope. Repositories of the scope share it, so
/// a command's writes commit together.
/// </summary>
internal sealed class DbSession(IDbConnectionFactory factory, Observability.IntegrationMetrics? metrics = null) : IUnitOfWork, IAsyncDisposable, IDisposable
{
    private DbConnection? _connection;
    private SqliteGroupCommit? _group;
    private bool _holdsGate;
    private int _writesForbidden;
    private List<Action>? _afterCommit;

    public DbTransaction? Transaction { get; private set; }

    /// <summary>PostgreSQL: writes of the open transaction waiting to travel with its next statement.</summary>
    public PostgresWriteBatch HeldWrites { get; } = new();

    public DatabaseProvider Provider => factory.Provider;

    public IDbConnectionFactory Factory => factory;

    /// <summary>A write now would be outside a transaction while a query or flow runs: refused.</summary>
    public bool WritesForbidden => _writesForbidden > 0 && Transaction is null;

    /// <summary>The database's writer queue in this process (SQLite); transactions and lone writes take their turn in it.</summary>
    public WriteGate WriteGate => factory.WriteGate;

    /// <summary>
    /// The condition every transaction of this scope must meet to commit, checked last; when it fails the transaction
    /// is rolled back. The work queue sets it while a claimed item is handled, so the item's writes commit only while
    /// its worker still holds the lease.
    /// </summary>
    public CommitFence? Fence { get; set; }

    /// <summary>Runs <paramref name="action"/> once the current transaction has committed (at once when there is none).</summary>
    public void OnCommitted(Action action)
    {
        if (Transaction is null)
        {
            action();
            return;
        }

        (_afterCommit ??= []).Add(action);
    }

    /// <summary>Counts statements sent (<c>codestream.db.statements</c>): the hot path's cost is watched in statements per item.</summary>
    public void Counted(object? parameters) =>
        metrics?.DbStatements(parameters is System.Collections.IEnumerable rows and not string ? rows.Cast<object>().Count() : 1);

    /// <summary>The scope's connection; inside a unit of work that joined a SQLite group, the group's writing connection.</summary>
    public ValueTask<DbConnection> ConnectionAsync(CancellationToken cancellationToken) =>
        _group is { } group ? ValueTask.FromResult(group.Writer) : OwnConnectionAsync(cancellationToken);

    /// <summary>
    /// After a statement outside a transaction on SQLite: the connection goes back to the pool at once, so a scope that
    /// waits (for the gate, for Slack, for an acknowledgement's commit) holds none. Each SQLite connection keeps its own
    /// schema and page cache in memory, and a pooled one opens in microseconds.
    /// </summary>
    public async ValueTask ReturnIdleConnectionAsync()
    {
        if (Provider == DatabaseProvider.Sqlite && Transaction is null && _connection is { } idle)
        {
            _connection = null;
            await idle.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask<DbConnection> OwnConnectionAsync(CancellationToken cancellationToken) =>
        _connection ??= await factory.OpenAsync(cancellationToken).ConfigureAwait(false);

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        if (Transaction is not null)
        {
            throw new InvalidOperationException("A unit of work is already in progress in this scope.");
        }

        var group = factory.GroupCommit;
        var own = group is null ? await OwnConnectionAsync(cancellationToken).ConfigureAwait(false) : null;
        await WriteGate.EnterAsync(WritePriority.Normal, cancellationToken).ConfigureAwait(false);
        _holdsGate = true;
        try
        {
            Transaction = group is not null
                ? await group.JoinAsync(cancellationToken).ConfigureAwait(false)
                : await own!.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            _group = group;
        }
        catch
        {
            ExitGate();
            throw;
        }
    }

    public IDisposable ForbidWritesOutsideTransactions()
    {
        _writesForbidden++;
        return new Release(this);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (Transaction is null)
        {
            return;
        }

        if (_group is null && Transaction is NpgsqlTransaction postgres)
        {
            await CommitPostgresAsync(postgres, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (Fence is { } fence)
            {
                await CheckFenceAsync(fence, cancellationToken).ConfigureAwait(false);
            }

            await CommitSqliteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_afterCommit is { } committed)
        {
            _afterCommit = null;
            committed.ForEach(action => action());
        }
    }

    /// <summary>Throws the fence's exception unless it holds now (on PostgreSQL, its row stays locked until the transaction ends).</summary>
    public async Task CheckFenceAsync(CommitFence fence, CancellationToken cancellationToken)
    {
        var rows = await this.CountRowsAsync(Provider == DatabaseProvider.Postgres ? fence.LockingSql : fence.Sql, fence.Parameters, cancellationToken).ConfigureAwait(false);
        if (rows != 1)
        {
            throw fence.Broken();
        }
    }

    /// <summary>
    /// The held writes, the fence and <c>COMMIT</c> in one round trip: a fence that fails the transaction stops the
    /// <c>COMMIT</c> behind it. A transaction that holds nothing to send commits alone.
    /// </summary>
    private async Task CommitPostgresAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        HeldWrites.ThrowIfFailed();
        try
        {
            if (HeldWrites.IsEmpty && Fence is null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                _ = await HeldWrites.SendAsync(transaction.Connection!, transaction, Fence?.RaisingSql, Fence?.Parameters, cancellationToken, thenCommit: true).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The commit fence's parameters cannot be sent in a batch.");
                if (Fence is { } sent)
                {
                    Counted(sent.Parameters);
                }
            }
        }
        catch (Exception failure)
        {
            // Whether the fence, a held write or the COMMIT itself failed, the transaction is over: end it here, so
            // the caller's rollback has nothing left to do (Npgsql refuses to roll back a transaction COMMIT ended).
            // A commit whose answer was lost (the connection broke) counts as not done, as it always did: the lease
            // and the idempotent handlers cover that case.
            await RollbackQuietlyAsync(transaction).ConfigureAwait(false);
            if (Fence is { } fence && CommitFence.RaisedBy(failure))
            {
                throw fence.Broken();
            }

            throw;
        }

        await EndTransactionAsync().ConfigureAwait(false);
    }

    private async Task RollbackQuietlyAsync(NpgsqlTransaction transaction)
    {
        _afterCommit = null;
        try
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The commit's own failure is the one worth reporting; a transaction COMMIT ended cannot be rolled back.
        catch
        {
        }
#pragma warning restore CA1031
        finally
        {
            await EndTransactionAsync().ConfigureAwait(false);
        }
    }

    private async Task CommitSqliteAsync(CancellationToken cancellationToken)
    {
        if (_group is { } group)
        {
            // The group commits once this unit has left the gate (others may join it first); stored means committed.
            Task groupCommitted;
            try
            {
                groupCommitted = await group.ReleaseAsync().ConfigureAwait(false);
            }
            finally
            {
                LeaveGroup();
            }

            try
            {
                await groupCommitted.ConfigureAwait(false);
            }
            catch
            {
                _afterCommit = null; // nothing was stored: what was to follow the commit must not follow a later one
                throw;
            }
        }
        else
        {
            await Transaction!.CommitAsync(cancellationToken).ConfigureAwait(false);
            await EndTransactionAsync().ConfigureAwait(false);
        }
    }

    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        if (Transaction is null)
        {
            return;
        }

        _afterCommit = null;
        HeldWrites.Clear();
        if (_group is not null)
        {
            await EndTransactionAsync().ConfigureAwait(false);
            return;
        }

        try
        {
            await Transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await EndTransactionAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await EndTransactionAsync().ConfigureAwait(false);
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }

    /// <summary>For scopes disposed synchronously (a <c>using</c> over <c>CreateScope()</c>).</summary>
    public void Dispose()
    {
        if (_group is { } group)
        {
            try
            {
                group.RollbackNow();
            }
            finally
            {
                LeaveGroup();
            }
        }

        HeldWrites.Clear();
        Transaction?.Dispose();
        Transaction = null;
        ExitGate();
        _connection?.Dispose();
        _connection = null;
    }

    private async ValueTask EndTransactionAsync()
    {
        HeldWrites.Clear(); // what a transaction held ends with it
        if (_group is { } group)
        {
            try
            {
                await group.RollbackAsync().ConfigureAwait(false); // this unit only; the group's transaction is not ours to end
            }
            finally
            {
                LeaveGroup();
            }

            return;
        }

        try
        {
            if (Transaction is not null)
            {
                await Transaction.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            Transaction = null;
            ExitGate();
        }
    }

    private void LeaveGroup()
    {
        _group = null;
        Transaction = null;
        ExitGate();
    }

    private void ExitGate()
    {
        if (_holdsGate)
        {
            _holdsGate = false;
            WriteGate.Exit();
        }
    }

    private sealed class Release(DbSession session) : IDisposable
    {
        private bool _released;

        public void Dispose()
        {
            if (!_released)
            {
                _released = true;
                session._writesForbidden--;
            }
        }
    }
}
