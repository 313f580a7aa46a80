using CodeStream.Integrations.Application.Common.WorkQueue;

namespace CodeStream.Integrations.Infrastructure.WorkQueue;

/// <summary>
/// Wakes every lane when work was just stored, so none waits for its next poll. A waiter takes the current
/// <see cref="Pulse"/> before it looks for work and waits on that one, so a notification in between is never missed.
/// </summary>
internal sealed class WorkQueueSignal : IWorkQueueSignal
{
    private TaskCompletionSource _pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Pulse => Volatile.Read(ref _pulse).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _pulse, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits until <paramref name="pulse"/> fires or <paramref name="timeout"/> passes.</summary>
    public static async Task WaitAsync(Task pulse, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await pulse.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Time to poll.
        }
    }
}
