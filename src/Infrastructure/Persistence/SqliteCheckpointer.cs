using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Infrastructure.Persistence;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file twice a second, on its own connection. SQLite would
/// otherwise do it inside whichever commit crosses 1,000 pages, fsync included, while every other writer of this
/// process waits at the <see cref="WriteGate"/>; a PASSIVE checkpoint takes no writer lock and waits for nobody.
/// When the log has grown large anyway (readers held old pages), a RESTART checkpoint lets it start over.
/// </summary>
internal sealed partial class SqliteCheckpointer(IDbConnectionFactory connections, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);
    private const long RestartAbovePages = 50_000; // about 200 MB of log

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (connections.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await CheckpointAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await CheckpointAsync(CancellationToken.None).ConfigureAwait(false); // leave a short log behind
        }
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            long logPages = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    logPages = reader.GetInt64(1);
                }
            }

            if (logPages > RestartAbovePages)
            {
                command.CommandText = "PRAGMA wal_checkpoint(RESTART)";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception); // the next tick tries again; the log just grows meanwhile
        }
    }

    [LoggerMessage(EventId = 5030, Level = LogLevel.Warning, Message = "SQLite checkpoint failed; retrying shortly")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
