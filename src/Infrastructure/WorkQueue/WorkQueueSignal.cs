using CodeStream.Integrations.Application.Common.WorkQueue;

namespace CodeStream.Integrations.Infrastructure.WorkQueue;

/// <summary>
/// Wakes a lane when work for it was just stored, so it need not wait for its next poll (and a burst of events does
/// not wake the user-facing lane for nothing). A waiter takes its lane's current <see cref="Pulse"/> before it looks
/// for work and waits on that one, so a notification in between is never missed.
/// </summary>
internal sealed class WorkQueueSignal : IWorkQueueSignal
{
    private readonly TaskCompletionSource[] _pulses = [.. Enum.GetValues<WorkLane>().Select(_ => NewPulse())];

    public Task Pulse(WorkLane lane) => Volatile.Read(ref _pulses[(int)lane]).Task;

    /// <summary>Wakes every lane.</summary>
    public void Notify()
    {
        foreach (var lane in Enum.GetValues<WorkLane>())
        {
            Notify(lane);
        }
    }

    public void Notify(WorkLane lane) => Interlocked.Exchange(ref _pulses[(int)lane], NewPulse()).TrySetResult();

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

    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
