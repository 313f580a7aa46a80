using CodeStream.Integrations.Application.Common.WorkQueue;

namespace CodeStream.Integrations.Infrastructure.WorkQueue;

/// <summary>An auto-reset wake-up for the processor; many notifications before it looks count as one.</summary>
internal sealed class WorkQueueSignal : IWorkQueueSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        // Already signalled (or nobody has looked since): nothing to add. The check is racy but harmless, and it
        // keeps a busy inbox from throwing SemaphoreFullException on every batch.
        if (_signal.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Lost the race to another notifier: already signalled.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
