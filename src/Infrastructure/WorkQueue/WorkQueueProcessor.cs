using CodeStream.Integrations.Application.Common.WorkQueue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Infrastructure.WorkQueue;

/// <summary>
/// Drains the durable work queue as a pipeline, one per lane: up to the lane's capacity of items are in flight, each
/// claimed under a short lease (renewed while it runs), handled by <see cref="WorkItemRunner"/> and recorded as soon as
/// it finishes through <see cref="WorkCompletionWriter"/>. A slow item (Slack answering in 100 ms, or a rate limit)
/// holds one slot, never a round. Items are never dropped: a host that dies gives its leases up within
/// <see cref="WorkQueueOptions.LeaseSeconds"/>.
/// </summary>
internal sealed partial class WorkQueueProcessor(
    IServiceScopeFactory scopes,
    WorkQueueSignal signal,
    WorkItemRunner runner,
    WorkCompletionWriter completions,
    WorkerIdentity worker,
    WorkItemBatchWriter inbox,
    WorkQueueOptions options,
    ILogger<WorkQueueProcessor> logger) : BackgroundService
{
    private static readonly TimeSpan ClaimGathering = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan CrowdedWindow = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.ProcessorEnabled)
        {
            return;
        }

        using var writerStop = new CancellationTokenSource();
        var writer = completions.RunAsync(worker.Id, writerStop.Token);
        try
        {
            await Task.WhenAll(
                RunLaneAsync(WorkLane.Background, options.Capacity, stoppingToken),
                RunLaneAsync(WorkLane.UserFacing, options.UserFacingCapacity, stoppingToken)).ConfigureAwait(false);
        }
        finally
        {
            await writerStop.CancelAsync().ConfigureAwait(false);
            await writer.ConfigureAwait(false);
            await ReleaseClaimsAsync().ConfigureAwait(false);
        }
    }

    private async Task RunLaneAsync(WorkLane lane, int capacity, CancellationToken stoppingToken)
    {
        capacity = Math.Max(1, capacity);
        var claimBatch = Math.Clamp(options.ClaimBatchSize, 1, capacity);
        using var slots = new SemaphoreSlim(capacity, capacity);
        var running = new HashSet<Task>();
        var backlog = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                if (lane == WorkLane.Background && options.YieldToInbox && inbox.IsCrowded(CrowdedWindow)
                    && capacity - slots.CurrentCount - 1 >= Math.Max(1, capacity / 4))
                {
                    // Acknowledgements are queueing: keep a quarter of the lane busy until they are through.
                    slots.Release();
                    await Task.Delay(CrowdedWindow / 4, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                var free = 1 + TakeFreeSlots(slots, claimBatch - 1);
                if (backlog && free < claimBatch)
                {
                    // Work is waiting: gather a few more finished slots so one statement claims several items.
                    await Task.Delay(ClaimGathering, stoppingToken).ConfigureAwait(false);
                    free += TakeFreeSlots(slots, claimBatch - free);
                }

                var pulse = signal.Pulse(lane);
                IReadOnlyList<WorkItem> claimed;
                try
                {
                    claimed = await ClaimAsync(lane, free, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    slots.Release(free);
                    LogClaimFailed(logger, lane, exception);
                    await Task.Delay(options.PollInterval * 4, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                if (free > claimed.Count)
                {
                    slots.Release(free - claimed.Count);
                }

                foreach (var item in claimed)
                {
                    var run = RunAsync(item, slots, stoppingToken);
                    lock (running)
                    {
                        running.Add(run);
                    }

                    _ = run.ContinueWith(
                        finished =>
                        {
                            lock (running)
                            {
                                running.Remove(finished);
                            }
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }

                backlog = claimed.Count == free;
                if (!backlog)
                {
                    await WorkQueueSignal.WaitAsync(pulse, options.PollInterval, stoppingToken).ConfigureAwait(false);

                    // Woken by new work: events of a burst arrive a few at a time, so let a couple of milliseconds
                    // gather them into one claim (one statement) rather than a claim each.
                    await Task.Delay(ClaimGathering, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        Task[] left;
        lock (running)
        {
            left = [.. running];
        }

        await Task.WhenAll(left).ConfigureAwait(false);
    }

    private static int TakeFreeSlots(SemaphoreSlim slots, int most)
    {
        var taken = 0;
        while (taken < most && slots.Wait(0))
        {
            taken++;
        }

        return taken;
    }

    private async Task RunAsync(WorkItem item, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            if (await runner.RunAsync(item, worker.Id, stoppingToken).ConfigureAwait(false) is { } completion)
            {
                completions.Add(completion);
            }
        }
        catch (Exception exception)
        {
            LogRunFailed(logger, item.Kind, item.Id, exception); // its lease lapses and it is taken up again
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<IReadOnlyList<WorkItem>> ClaimAsync(WorkLane lane, int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IWorkQueue>()
            .ClaimAsync(worker.Id, lane, limit, options.Lease, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>On the way out, what this host still holds is made due again at once (not after its lease lapses).</summary>
    private async Task ReleaseClaimsAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IWorkQueue>().ReleaseAsync(worker.Id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogReleaseFailed(logger, exception); // they lapse in a few seconds instead
        }
    }

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "The work queue could not claim {Lane} work; retrying")]
    private static partial void LogClaimFailed(ILogger logger, WorkLane lane, Exception exception);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "Work item {Kind} {WorkItemId} could not be run; its lease will lapse")]
    private static partial void LogRunFailed(ILogger logger, string kind, string workItemId, Exception exception);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Releasing this host's claimed work items on shutdown failed; their leases will lapse")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
