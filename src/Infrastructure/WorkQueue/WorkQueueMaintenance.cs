using CodeStream.Integrations.Application.Common.WorkQueue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Infrastructure.WorkQueue;

/// <summary>
/// Keeps the queue healthy beside the processor: renews this host's leases (every third of a lease), makes lapsed
/// leases of dead hosts due again (every second), deletes finished items past their retention, and samples the queue
/// for the depth and oldest-pending metrics operators alert on.
/// </summary>
internal sealed partial class WorkQueueMaintenance(
    IServiceScopeFactory scopes,
    WorkerIdentity worker,
    WorkQueueOptions options,
    WorkQueueSignal signal,
    TimeProvider clock,
    Observability.WorkQueueGauges gauges,
    ILogger<WorkQueueMaintenance> logger) : BackgroundService
{
    private const int PruneBatch = 1000;
    private static readonly TimeSpan ReleaseEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.ProcessorEnabled)
        {
            return;
        }

        var renewEvery = options.Lease / 3;
        var lastRenew = clock.GetTimestamp();
        var lastSample = 0L;
        var lastPrune = clock.GetTimestamp();
        using var timer = new PeriodicTimer(Min(ReleaseEvery, renewEvery), clock);
        try
        {
            do
            {
                if (clock.GetElapsedTime(lastRenew) >= renewEvery)
                {
                    lastRenew = clock.GetTimestamp();
                    await RunAsync("renew leases", q => q.RenewAsync(worker.Id, options.Lease, stoppingToken)).ConfigureAwait(false);
                }

                await RunAsync("release lapsed leases", async q =>
                {
                    if (await q.ReleaseLapsedAsync(options.MaxAttempts, stoppingToken).ConfigureAwait(false) > 0)
                    {
                        signal.Notify();
                    }
                }).ConfigureAwait(false);

                if (lastSample == 0 || clock.GetElapsedTime(lastSample) >= SampleEvery)
                {
                    lastSample = clock.GetTimestamp();
                    await RunAsync("sample the queue", async q => gauges.Update(await q.GetOverviewAsync(withFinished: false, stoppingToken).ConfigureAwait(false), clock.GetUtcNow())).ConfigureAwait(false);
                }

                if (clock.GetElapsedTime(lastPrune) >= TimeSpan.FromSeconds(Math.Max(1, options.PruneIntervalSeconds)))
                {
                    lastPrune = clock.GetTimestamp();
                    await PruneAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Deletes finished items past their retention, a batch at a time so no transaction holds the database long.</summary>
    internal async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - options.Retention;
        var total = 0;
        int pruned;
        do
        {
            pruned = 0;
            await RunAsync("prune finished items", async q => pruned = await q.PruneFinishedAsync(before, PruneBatch, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            total += pruned;
        }
        while (pruned == PruneBatch && !cancellationToken.IsCancellationRequested);

        if (total > 0)
        {
            LogPruned(logger, total);
        }

        return total;
    }

    private async Task RunAsync(string what, Func<IWorkQueue, Task> step)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await step(scope.ServiceProvider.GetRequiredService<IWorkQueue>()).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            LogStepFailed(logger, what, exception); // the next tick tries again
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(EventId = 5020, Level = LogLevel.Warning, Message = "Work queue maintenance could not {Step}; it tries again shortly")]
    private static partial void LogStepFailed(ILogger logger, string step, Exception exception);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "Deleted {Count} finished work item(s) past their retention")]
    private static partial void LogPruned(ILogger logger, int count);
}
