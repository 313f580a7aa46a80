using CodeStream.Integrations.Application.Common.Persistence;

namespace CodeStream.Integrations.Application.UnitTests.TestDoubles;

/// <summary>A real <see cref="IExclusiveLock"/> for one process (one semaphore per name), counting acquisitions.</summary>
internal sealed class InProcessLock : IExclusiveLock
{
    private readonly Dictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public List<string> Acquired { get; } = [];

    public async Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (_gates)
        {
            gate = _gates.TryGetValue(name, out var existing) ? existing : _gates[name] = new SemaphoreSlim(1, 1);
            Acquired.Add(name);
        }

        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}
