using System.Diagnostics;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Infrastructure.WorkQueue;

/// <summary>
/// Handles one claimed item in a fresh DI scope whose transactions are fenced by the item's lease, within the item
/// timeout, and turns what happened into the completion to record.
/// </summary>
internal sealed partial class WorkItemRunner(
    IServiceScopeFactory scopes,
    WorkQueueOptions options,
    TimeProvider clock,
    Observability.IntegrationMetrics metrics,
    ILogger<WorkItemRunner> logger)
{
    private static readonly ActivitySource Tracing = new(Observability.IntegrationMetrics.MeterName);

    /// <summary>The completion to record; <c>null</c> when shutting down or when the lease was lost (another worker has it).</summary>
    public async Task<WorkCompletion?> RunAsync(WorkItem item, string workerId, CancellationToken stoppingToken)
    {
        // Every line logged about this item, by any category (handlers, the Slack client), carries what it is: for a
        // Slack event the key is Slack's event_id, so an operator can follow one event through the log.
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["WorkItemId"] = item.Id,
            ["WorkKind"] = item.Kind,
            ["WorkKey"] = item.DedupeKey,
        });
        using var activity = Tracing.StartActivity($"work {item.Kind}");
        activity?.SetTag("codestream.work_item.id", item.Id);
        activity?.SetTag("codestream.work_item.attempt", item.Attempts);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(options.ItemTimeout);
        var handling = HandleAsync(item, new WorkLease(item.Id, workerId, item.Attempts), deadline.Token, stoppingToken);

        // A handler that ignores its cancellation must not hold the slot: after a grace period it is left behind; its
        // lease is given up with this completion, so whatever it still tries to commit is refused.
        // (WaitAsync's timer goes with the wait: a Task.Delay per item would stay armed long after the item ended.)
        WorkOutcome? outcome;
        try
        {
            outcome = await handling.WaitAsync(options.ItemTimeout + TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            outcome = null;
        }
        catch (TimeoutException)
        {
            LogAbandoned(logger, item.Kind, item.Id, options.ItemTimeoutSeconds);
            outcome = WorkOutcome.Retry($"timed out after {options.ItemTimeoutSeconds} s and did not stop");
        }

        if (outcome is null)
        {
            return null;
        }

        if (outcome.State == WorkItemState.Pending && !outcome.RefundsAttempt && item.Attempts >= options.MaxAttempts)
        {
            outcome = WorkOutcome.Failed($"gave up after {item.Attempts} attempts: {outcome.Result}");
        }

        var delay = outcome.State != WorkItemState.Pending ? TimeSpan.Zero : outcome.RetryAfter ?? Backoff(options, item.Attempts);
        metrics.WorkFinished(item.Kind, outcome.State);
        LogOutcome(logger, item.Kind, item.Id, outcome.State, item.Attempts);
        return new WorkCompletion(item.Id, item.Attempts, outcome, clock.GetUtcNow() + delay);
    }

    /// <summary>Exponential with jitter, capped; the exponent is bounded so no attempt count can overflow it.</summary>
    internal static TimeSpan Backoff(WorkQueueOptions options, int attempts)
    {
        var cap = TimeSpan.FromSeconds(Math.Max(1, options.MaxRetryDelaySeconds));
        var baseDelay = Math.Max(1, options.RetryBaseDelayMilliseconds);
        var exponential = baseDelay * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var jitter = Random.Shared.NextDouble() * baseDelay / 4;
        return TimeSpan.FromMilliseconds(Math.Min(exponential + jitter, cap.TotalMilliseconds));
    }

    private async Task<WorkOutcome?> HandleAsync(WorkItem item, WorkLease lease, CancellationToken cancellationToken, CancellationToken stoppingToken)
    {
        await Task.Yield(); // the caller's timer starts now, whatever the handler does synchronously
        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetServices<IWorkItemHandler>().FirstOrDefault(h => h.Kind == item.Kind);
        if (handler is null)
        {
            return WorkOutcome.Failed($"no handler for kind '{item.Kind}'");
        }

        scope.ServiceProvider.GetRequiredService<DbSession>().Fence = WorkQueueRepository.Fence(lease);
        try
        {
            return await handler.HandleAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return stoppingToken.IsCancellationRequested
                ? null // shutting down: the item is released for the next host
                : WorkOutcome.Retry($"timed out after {options.ItemTimeoutSeconds} s");
        }
        catch (WorkLeaseLostException)
        {
            LogLeaseLost(logger, item.Kind, item.Id);
            return null;
        }
        catch (Exception exception)
        {
            var outcome = WorkFailures.Classify(exception);
            if (outcome.State == WorkItemState.Failed)
            {
                LogParked(logger, item.Kind, item.Id, exception);
            }
            else if (!outcome.RefundsAttempt)
            {
                LogRetrying(logger, item.Kind, item.Id, outcome.Result);
            }

            return outcome;
        }
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Debug, Message = "Work item {Kind} {WorkItemId} → {State} (attempt {Attempts})")]
    private static partial void LogOutcome(ILogger logger, string kind, string workItemId, WorkItemState state, int attempts);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Work item {Kind} {WorkItemId} failed ({Reason}); it will be retried")]
    private static partial void LogRetrying(ILogger logger, string kind, string workItemId, string? reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Work item {Kind} {WorkItemId} failed in a way a retry would repeat; it is parked as failed")]
    private static partial void LogParked(ILogger logger, string kind, string workItemId, Exception exception);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Work item {Kind} {WorkItemId} lost its lease to another worker; its writes were rolled back")]
    private static partial void LogLeaseLost(ILogger logger, string kind, string workItemId);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "Work item {Kind} {WorkItemId} ran past its {Seconds} s timeout and ignored cancellation; it is given up")]
    private static partial void LogAbandoned(ILogger logger, string kind, string workItemId, int seconds);
}
