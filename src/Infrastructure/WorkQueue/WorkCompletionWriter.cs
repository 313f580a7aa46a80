using System.Threading.Channels;
using CodeStream.Integrations.Application.Common.WorkQueue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Infrastructure.WorkQueue;

/// <summary>
/// Group commit for finished items: each worker hands its completion over and moves on; one writer records all that
/// have gathered in a single transaction (SQLite's one writer does a few transactions instead of one per item).
/// A completion that cannot be written is retried; if the host dies first, the item's lease lapses and it is done
/// again, which its handler allows (handlers are idempotent).
/// </summary>
internal sealed partial class WorkCompletionWriter(IServiceScopeFactory scopes, ILogger<WorkCompletionWriter> logger)
{
    private const int MaxBatch = 256;

    private readonly Channel<WorkCompletion> _completions = Channel.CreateUnbounded<WorkCompletion>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    public void Add(WorkCompletion completion) => _completions.Writer.TryWrite(completion);

    /// <summary>Writes until <paramref name="stoppingToken"/> fires, then what is left.</summary>
    public async Task RunAsync(string workerId, CancellationToken stoppingToken)
    {
        var batch = new List<WorkCompletion>(MaxBatch);
        try
        {
            while (await _completions.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await WriteAvailableAsync(workerId, batch, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: record what the workers finished before the host goes.
            await WriteAvailableAsync(workerId, batch, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task WriteAvailableAsync(string workerId, List<WorkCompletion> batch, CancellationToken stoppingToken)
    {
        while (batch.Count < MaxBatch && _completions.Reader.TryRead(out var next))
        {
            batch.Add(next);
        }

        for (var attempt = 1; batch.Count > 0; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var held = await scope.ServiceProvider.GetRequiredService<IWorkQueue>().CompleteAsync(workerId, batch, CancellationToken.None).ConfigureAwait(false);
                if (held < batch.Count)
                {
                    LogFenced(logger, batch.Count - held);
                }

                batch.Clear();
            }
            catch (Exception exception) when (attempt < 5 && !stoppingToken.IsCancellationRequested)
            {
                LogRetrying(logger, batch.Count, exception);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // The leases lapse and the items are done again (idempotently) by whichever worker claims them.
                LogDropped(logger, batch.Count, exception);
                batch.Clear();
            }
        }
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "{Count} work item completion(s) arrived after their lease was taken over; the new holder's result stands")]
    private static partial void LogFenced(ILogger logger, int count);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Recording {Count} work item completion(s) failed; retrying")]
    private static partial void LogRetrying(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Error, Message = "Recording {Count} work item completion(s) kept failing; their leases will lapse and they will be handled again")]
    private static partial void LogDropped(ILogger logger, int count, Exception exception);
}
