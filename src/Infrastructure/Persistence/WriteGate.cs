namespace CodeStream.Integrations.Infrastructure.Persistence;

/// <summary>Who is waiting to write: Slack is waiting on an acknowledgement only for <see cref="Urgent"/> writers.</summary>
public enum WritePriority
{
    Normal,
    Urgent,
}

/// <summary>
/// One writer at a time for this process, handed over in order (urgent writers first). SQLite allows one writer per
/// file anyway; without this gate the others find the file locked and SQLite's busy handler puts them to sleep for
/// 1, 2, 5, 10… ms, so the lock sits idle while they sleep and throughput collapses under concurrent writers. Waiting
/// here instead wakes the next writer the moment the lock is free. PostgreSQL has row locks and needs no gate
/// (<see cref="None"/>).
/// </summary>
public sealed class WriteGate
{
    private readonly object _sync = new();
    private readonly LinkedList<TaskCompletionSource> _urgent = new();
    private readonly LinkedList<TaskCompletionSource> _normal = new();
    private readonly bool _enabled;
    private readonly TimeSpan _timeout;
    private bool _held;

    internal WriteGate(TimeSpan timeout)
        : this(enabled: true, timeout)
    {
    }

    private WriteGate(bool enabled, TimeSpan timeout)
    {
        this._enabled = enabled;
        this._timeout = timeout;
    }

    /// <summary>Whether a writer is queued behind the current one.</summary>
    public bool HasWaiters => WaiterCount > 0;

    internal int WaiterCount
    {
        get
        {
            lock (_sync)
            {
                return _urgent.Count + _normal.Count;
            }
        }
    }

    /// <summary>
    /// Runs with the gate held before each <see cref="WriteAsync"/> (a write on a connection of its own): the group
    /// commit's open transaction holds SQLite's write lock and must commit first (see <see cref="SqliteGroupCommit"/>).
    /// </summary>
    internal Func<ValueTask>? BeforeLoneWrite { get; set; }

    /// <summary>A gate that never waits (databases with their own row-level locking).</summary>
    public static WriteGate None { get; } = new(enabled: false, Timeout.InfiniteTimeSpan);

    /// <summary>
    /// Waits for the gate. The caller must <see cref="Exit"/> exactly once. Times out like a busy database would
    /// (<see cref="TimeoutException"/>) rather than waiting forever on a writer that never finishes.
    /// </summary>
    public async ValueTask EnterAsync(WritePriority priority, CancellationToken cancellationToken)
    {
        if (!_enabled)
        {
            return;
        }

        TaskCompletionSource waiter;
        LinkedListNode<TaskCompletionSource> node;
        lock (_sync)
        {
            if (!_held)
            {
                _held = true;
                return;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = (priority == WritePriority.Urgent ? _urgent : _normal).AddLast(waiter);
        }

        try
        {
            await waiter.Task.WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutException)
        {
            lock (_sync)
            {
                if (node.List is { } list)
                {
                    list.Remove(node); // Still waiting: leave the queue.
                }
                else
                {
                    Exit(); // The gate was handed to us as we gave up: pass it on.
                }
            }

            if (exception is TimeoutException)
            {
                throw new TimeoutException($"Waited {_timeout.TotalSeconds:0} s for another writer to finish with the database.", exception);
            }

            throw;
        }
    }

    /// <summary>Runs one write with the gate held.</summary>
    public async Task<T> WriteAsync<T>(WritePriority priority, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await EnterAsync(priority, cancellationToken).ConfigureAwait(false);
        try
        {
            if (BeforeLoneWrite is { } handOver)
            {
                await handOver().ConfigureAwait(false);
            }

            return await write().ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Hands the gate to the next waiter, urgent ones first.</summary>
    public void Exit()
    {
        if (!_enabled)
        {
            return;
        }

        lock (_sync)
        {
            var next = _urgent.First ?? _normal.First;
            if (next is null)
            {
                _held = false;
                return;
            }

            next.List!.Remove(next);
            next.Value.TrySetResult();
        }
    }
}
