using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Application.Slack.Resync;
using CodeStream.Integrations.Application.Slack.Resync.ResyncGap;
using CodeStream.Integrations.Infrastructure.WorkQueue;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Infrastructure.Slack.Resync;

/// <summary>
/// Says every few seconds that this host is alive. At start-up, first looks at the last sign of life of any host
/// (a heartbeat, or the newest stored Slack event): if it is older than <c>slack:resync:gap</c>, events may have been
/// lost meanwhile (Slack stops retrying after a few minutes), so a resync of that gap starts. A fresh install (no
/// sign at all) and a run already going start nothing. Only hosts whose work queue processes (<c>workQueue:processorEnabled</c>) beat.
/// </summary>
internal sealed partial class SlackHeartbeat(
    IServiceScopeFactory scopes, WorkerIdentity worker, WorkQueueOptions queue, SlackResyncSettings settings, TimeProvider clock, ILogger<SlackHeartbeat> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!queue.ProcessorEnabled)
        {
            return; // a host that processes nothing neither resyncs nor counts as receiving
        }

        var every = TimeSpan.FromTicks(Math.Clamp(settings.Gap.Ticks / 4, TimeSpan.FromMilliseconds(200).Ticks, TimeSpan.FromSeconds(15).Ticks));
        var checkedGap = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!checkedGap)
                {
                    await ResyncAfterAGapAsync(stoppingToken);
                    checkedGap = true;
                }

                await BeatAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The database is down for now: the work queue reports it loudly; beat (and check the gap) next time.
                LogFailed(logger, exception.GetType().Name);
            }

            await Task.Delay(every, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ResyncAfterAGapAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var last = await scope.ServiceProvider.GetRequiredService<ISlackResyncRepository>().LastSignOfLifeAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (last is not { } since || now - since <= settings.Gap)
        {
            return;
        }

        var run = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ResyncGapCommand(since, "startup"), cancellationToken);
        LogGap(logger, (now - since).TotalSeconds, run?.Id ?? "(one is already running)");
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISlackResyncRepository>().BeatAsync(worker.Id, clock.GetUtcNow(), cancellationToken);
    }

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning,
        Message = "No host was receiving Slack events for {Seconds:0} s before this start: resync {RunId} reads the shared threads of that gap")]
    private static partial void LogGap(ILogger logger, double seconds, string runId);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Warning, Message = "The heartbeat could not be written ({Error}); it tries again")]
    private static partial void LogFailed(ILogger logger, string error);
}
