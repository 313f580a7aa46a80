using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Infrastructure.Persistence;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Infrastructure.WorkQueue;

/// <summary>
/// Group commit for the request path: concurrent <see cref="WriteAsync"/> calls are gathered and inserted by one
/// writer in a single multi-row <c>INSERT … ON CONFLICT DO NOTHING RETURNING id</c> per round, so a burst of Slack
/// events costs one transaction (one fsync) rather than one each — and SQLite's single writer never queues. Each
/// caller's task completes only after its round committed: an acknowledged event is on disk.
/// </summary>
internal sealed partial class WorkItemBatchWriter(
    IDbConnectionFactory connections, WorkQueueSignal signal, TimeProvider clock, ILogger<WorkItemBatchWriter> logger)
    : BackgroundService, IWorkItemWriter
{
    private const int MaxBatch = 256;

    // Unbounded: every writer is a request awaiting its own commit, so the queue can't outgrow the requests in
    // flight; and unlike a bounded channel it takes no lock per write, which 64 concurrent requests would fight over.
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions
    {
        SingleReader = true,
        AllowSynchronousContinuations = false,
    });

    private readonly WriteGate _gate = connections.WriteGate;
    private const int CrowdedRound = 32;
    private long _lastCrowdedRoundTimestamp;

    /// <summary>
    /// Whether acknowledgements are queueing for the database (a round of at least 32 deliveries within
    /// <paramref name="window"/>): background processing then takes a smaller share so Slack's 3 s are kept.
    /// A steady stream that each round clears does not count.
    /// </summary>
    public bool IsCrowded(TimeSpan window) =>
        Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastCrowdedRoundTimestamp)) < window;

    public async Task<bool> WriteAsync(NewWorkItem item, CancellationToken cancellationToken)
    {
        var pending = new Pending(item, Guid.CreateVersion7().ToString("N"), new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        return await pending.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                if (batch.Count >= CrowdedRound)
                {
                    Interlocked.Exchange(ref _lastCrowdedRoundTimestamp, Stopwatch.GetTimestamp());
                }
                await WriteBatchAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever is still queued was never acknowledged to Slack, which will redeliver it.
        }
        finally
        {
            foreach (var left in batch)
            {
                left.Done.TrySetCanceled(CancellationToken.None);
            }

            while (_queue.Reader.TryRead(out var left))
            {
                left.Done.TrySetCanceled(CancellationToken.None);
            }
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        try
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            await using var connection = await connections.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            var ids = await _gate.WriteAsync(
                WritePriority.Urgent, // Slack is waiting.
                async () =>
                {
                    // One statement for the round, atomic by itself. PostgreSQL binds by position and needs no
                    // transaction around it (a COMMIT round trip more). SQLite gets the rows as one JSON parameter (its
                    // named-parameter binding costs the square of their number), in a transaction of its own.
                    if (connections.Provider != DatabaseProvider.Sqlite)
                    {
                        return (await connection.QueryAsync<string>(WorkItemInsert.Sql(batch.Count, returningIds: true), Parameters(batch, now)).ConfigureAwait(false)).AsList();
                    }

                    await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
                    var stored = await connection.QueryAsync<string>(WorkItemInsert.SqliteJsonSql, JsonParameters(batch, now), transaction).ConfigureAwait(false);
                    await transaction.CommitAsync().ConfigureAwait(false);
                    return stored.AsList();
                },
                CancellationToken.None).ConfigureAwait(false);
            var inserted = ids.ToHashSet(StringComparer.Ordinal);
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult(inserted.Contains(pending.Id));
            }

            foreach (var lane in batch.Where(p => inserted.Contains(p.Id)).Select(p => p.Item.Lane).Distinct())
            {
                signal.Notify(lane);
            }
        }
        catch (Exception exception)
        {
            LogBatchFailed(logger, batch.Count, exception);
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(exception);
            }
        }
    }

    private static DynamicParameters Parameters(List<Pending> rows, long now)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Now", now);
        for (var i = 0; i < rows.Count; i++)
        {
            WorkItemInsert.AddRow(parameters, i, rows[i].Id, rows[i].Item);
        }

        return parameters;
    }

    private static DynamicParameters JsonParameters(List<Pending> rows, long now)
    {
        using var json = new SqliteJsonRows();
        foreach (var pending in rows)
        {
            WorkItemInsert.AddRow(json, pending.Id, pending.Item);
        }

        var parameters = new DynamicParameters();
        parameters.Add("Now", now);
        parameters.Add("Rows", json.ToJson());
        return parameters;
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Error, Message = "Storing {Count} work item(s) failed; their senders get an error and Slack will redeliver")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);

    private sealed record Pending(NewWorkItem Item, string Id, TaskCompletionSource<bool> Done);
}
