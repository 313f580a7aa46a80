using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Common.WorkQueue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Infrastructure.WorkQueue;

/// <summary>
/// Drains the durable work queue: claims due items (a lease per item, so a crashed host's items come back), hands
/// each to the handler of its kind in a fresh DI scope, and records the outcome. Transient failures are retried with
/// exponential back-off (or the remote service's Retry-After); after <see cref="WorkQueueOptions.MaxAttempts"/> the item is parked
/// as failed with its reason. Items are never dropped.
/// </summary>
internal sealed partial class WorkQueueProcessor(
    IServiceScopeFactory scopes,
    WorkQueueSignal signal,
    WorkItemBatchWriter inbox,
    WorkQueueOptions options,
    TimeProvider clock,
    Observability.IntegrationMetrics metrics,
    ILogger<WorkQueueProcessor> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan InboxBusyWindow = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan TrickleInterval = TimeSpan.FromMilliseconds(20);
    private readonly string _workerId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.ProcessorEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // During a burst of Slack deliveries the acknowledgements come first: a trickle keeps the backlog moving.
                var yielding = options.YieldToInbox && inbox.IsBusy(InboxBusyWindow);
                if (yielding)
                {
                    await Task.Delay(TrickleInterval, stoppingToken).ConfigureAwait(false);
                }

                var claimed = await ClaimAsync(yielding ? 1 : options.BatchSize, stoppingToken).ConfigureAwait(false);
                if (claimed.Count == 0)
                {
                    await signal.WaitAsync(TimeSpan.FromMilliseconds(options.PollIntervalMilliseconds), stoppingToken).ConfigureAwait(false);
                    continue;
                }

                var completions = new System.Collections.Concurrent.ConcurrentBag<WorkCompletion>();
                await Parallel.ForEachAsync(
                    claimed,
                    new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = stoppingToken },
                    async (item, token) =>
                    {
                        if (await ProcessAsync(item, token).ConfigureAwait(false) is { } completion)
                        {
                            completions.Add(completion);
                        }
                    }).ConfigureAwait(false);

                // One transaction records the whole round: fewer writes competing with the inbox on SQLite.
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IWorkQueue>().CompleteAsync([.. completions], CancellationToken.None).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database may be busy or gone for a moment: back off and try again; claimed items' leases lapse.
                LogLoopFailed(logger, exception);
                await Task.Delay(TimeSpan.FromMilliseconds(options.PollIntervalMilliseconds * 4), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<IReadOnlyList<WorkItem>> ClaimAsync(int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<IWorkQueue>();
        return await queue.ClaimAsync(_workerId, limit, TimeSpan.FromSeconds(options.LeaseSeconds), cancellationToken).ConfigureAwait(false);
    }

    private static readonly System.Diagnostics.ActivitySource Tracing = new(Observability.IntegrationMetrics.MeterName);

    /// <summary>Handles one item; <c>null</c> when shutting down (its lease lapses and it is taken up again).</summary>
    private async Task<WorkCompletion?> ProcessAsync(WorkItem item, CancellationToken cancellationToken)
    {
        using var activity = Tracing.StartActivity($"work {item.Kind}");
        activity?.SetTag("codestream.work_item.id", item.Id);
        activity?.SetTag("codestream.work_item.attempt", item.Attempts);
        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetServices<IWorkItemHandler>().FirstOrDefault(h => h.Kind == item.Kind);
        WorkOutcome outcome;
        if (handler is null)
        {
            outcome = WorkOutcome.Failed($"no handler for kind '{item.Kind}'");
        }
        else
        {
            try
            {
                outcome = await handler.HandleAsync(item, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            catch (RemoteServiceException exception) when (exception.IsTransient)
            {
                outcome = WorkOutcome.Retry(exception.Reason);
            }
            catch (Exception exception)
            {
                LogHandlerFailed(logger, item.Kind, item.Id, exception);
                outcome = WorkOutcome.Retry($"{exception.GetType().Name}: {exception.Message}");
            }
        }

        if (outcome.State == WorkItemState.Pending && item.Attempts >= options.MaxAttempts)
        {
            outcome = WorkOutcome.Failed($"gave up after {item.Attempts} attempts: {outcome.Result}");
        }

        var next = clock.GetUtcNow() + (outcome.State == WorkItemState.Pending ? outcome.RetryAfter ?? Backoff(item.Attempts) : TimeSpan.Zero);
        metrics.WorkFinished(item.Kind, outcome.State);
        LogOutcome(logger, item.Kind, item.Id, outcome.State, item.Attempts);
        return new WorkCompletion(item.Id, outcome, next);
    }

    private TimeSpan Backoff(int attempts)
    {
        var exponential = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1)));
        var jitter = TimeSpan.FromMilliseconds(Random.Shared.Next(0, Math.Max(1, options.RetryBaseDelayMilliseconds / 4)));
        return exponential > MaxRetryDelay ? MaxRetryDelay : exponential + jitter;
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Debug, Message = "Work item {Kind} {WorkItemId} → {State} (attempt {Attempts})")]
    private static partial void LogOutcome(ILogger logger, string kind, string workItemId, WorkItemState state, int attempts);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Work item {Kind} {WorkItemId} failed; it will be retried")]
    private static partial void LogHandlerFailed(ILogger logger, string kind, string workItemId, Exception exception);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "The work queue processor could not claim work; retrying")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
