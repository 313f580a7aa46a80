using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CodeStream.Integrations.Infrastructure.Persistence;

/// <summary>
/// Group commit for SQLite's units of work. SQLite has one writer per file, so this process's units of work already
/// take turns at the <see cref="WriteGate"/>; here the ones that queue there also share a transaction: each runs as a
/// savepoint on one writing connection, and the transaction commits when nobody else is waiting, when
/// <see cref="MaxMembers"/> have joined, or when a committer queued behind the waiters gets its turn. A unit's
/// <c>CommitAsync</c> returns only once that commit is done, so nothing is reported stored before it is on disk; if it
/// fails, every unit of the group sees the failure and is retried (handlers are idempotent). A burst of work items
/// then costs a few commits (and page writes to the log) instead of one per item.
/// Everything here runs with the gate held, except <see cref="CommitWhenTurnAsync"/>, which first takes it.
/// </summary>
public sealed class SqliteGroupCommit
{
    private const int MaxMembers = 32;
    private const string Savepoint = "unit_of_work";

    private readonly SqliteConnectionFactory _connections;
    private readonly WriteGate _gate;
    private SqliteConnection? _writer;
    private DbTransaction? _open;
    private TaskCompletionSource? _committed;
    private int _members;
    private bool _committerQueued;

    internal SqliteGroupCommit(SqliteConnectionFactory connections, WriteGate gate)
    {
        _connections = connections;
        _gate = gate;
        gate.BeforeLoneWrite = CommitOpenAsync; // a write on another connection needs SQLite's write lock: hand it over first
    }

    /// <summary>The connection the current unit writes (and reads) on.</summary>
    internal DbConnection Writer => _writer ?? throw new InvalidOperationException("No unit of work is open.");

    /// <summary>Starts a unit inside the open group transaction (opening one if needed); the caller holds the gate.</summary>
    internal async Task<DbTransaction> JoinAsync(CancellationToken cancellationToken)
    {
        if (_open is null)
        {
            _writer = (SqliteConnection)await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _open = await _writer.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await CloseWriterAsync().ConfigureAwait(false);
                throw;
            }

            _committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _members = 0;
        }

        try
        {
            await _open.SaveAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await AbandonGroupAsync(exception).ConfigureAwait(false);
            throw;
        }

        return _open;
    }

    /// <summary>
    /// Ends the current unit as part of the group and returns the task of the group's commit; the caller then leaves
    /// the gate and awaits it. When others are waiting, a committer queues behind them instead of committing now.
    /// </summary>
    internal async Task<Task> ReleaseAsync()
    {
        var open = _open ?? throw new InvalidOperationException("No unit of work is open.");
        var committed = _committed!.Task;
        try
        {
            await open.ReleaseAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await AbandonGroupAsync(exception).ConfigureAwait(false);
            throw;
        }

        _members++;
        if (_members >= MaxMembers || !_gate.HasWaiters)
        {
            await CommitOpenAsync().ConfigureAwait(false);
        }
        else if (!_committerQueued)
        {
            _committerQueued = true;
            _ = CommitWhenTurnAsync();
        }

        return committed;
    }

    /// <summary>Undoes the current unit only; the group's other units stay and commit as planned.</summary>
    internal async Task RollbackAsync()
    {
        if (_open is not { } open)
        {
            return;
        }

        try
        {
            await open.RollbackAsync(Savepoint).ConfigureAwait(false);
            await open.ReleaseAsync(Savepoint).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await AbandonGroupAsync(exception).ConfigureAwait(false);
            return;
        }

        if (_members == 0)
        {
            await CommitOpenAsync().ConfigureAwait(false); // nothing in it: end it rather than hold the write lock
        }
    }

    /// <summary>For scopes disposed synchronously: as <see cref="RollbackAsync"/> (SQLite's calls complete synchronously anyway).</summary>
    internal void RollbackNow() => RollbackAsync().GetAwaiter().GetResult();

    /// <summary>Commits the open group (if any) and completes its units' commit task.</summary>
    private async ValueTask CommitOpenAsync()
    {
        if (_open is not { } open)
        {
            return;
        }

        var committed = _committed!;
        try
        {
            await open.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            committed.TrySetResult();
        }
        catch (Exception exception)
        {
            committed.TrySetException(exception);
        }
        finally
        {
            await CloseWriterAsync().ConfigureAwait(false);
        }
    }

    /// <summary>SQLite ended the transaction itself (a failed savepoint, an I/O error): every unit of the group failed.</summary>
    private async ValueTask AbandonGroupAsync(Exception cause)
    {
        var committed = _committed;
        try
        {
            if (_open is not null && _writer?.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0)
            {
                await _open.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (SqliteException)
        {
            // Already gone.
        }
        finally
        {
            // The database's own error, so each unit's failure is classified as the transient database error it is
            // (retried), not as a bug (parked).
            committed?.TrySetException(cause as DbException ?? new SqliteException(
                $"The shared transaction ended under its units of work; none was stored ({cause.Message})", SQLitePCL.raw.SQLITE_ABORT));
            await CloseWriterAsync().ConfigureAwait(false);
        }
    }

    private async Task CommitWhenTurnAsync()
    {
        while (true)
        {
            try
            {
                await _gate.EnterAsync(WritePriority.Normal, CancellationToken.None).ConfigureAwait(false);
                break;
            }
            catch (TimeoutException)
            {
                // A writer has held the gate for long; the group waits with it.
            }
        }

        try
        {
            _committerQueued = false;
            await CommitOpenAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Exit();
        }
    }

    private async ValueTask CloseWriterAsync()
    {
        var open = _open;
        var writer = _writer;
        _open = null;
        _writer = null;
        _committed = null;
        _members = 0;
        try
        {
            if (open is not null)
            {
                await open.DisposeAsync().ConfigureAwait(false); // after a failed COMMIT SQLite may have rolled back already
            }
        }
        catch (DbException)
        {
            // Nothing left to roll back.
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
