using Dapper;
using DbUp;
using DbUp.Engine;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Infrastructure.Persistence;

/// <summary>
/// Brings the schema up to date at start-up with DbUp: the same numbered scripts
/// (<c>Persistence/Migrations/NNNN_*.sql</c>, embedded) on SQLite and PostgreSQL, recorded in <c>schemaversions</c>.
/// </summary>
public sealed partial class DatabaseMigrator(IDbConnectionFactory factory, ILogger<DatabaseMigrator> logger)
{
    // Any constant works; it only has to be the same for every instance of this host.
    private const long PostgresMigrationLockKey = 0x436f646553747265;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await factory.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (factory.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers run beside the single writer; it is a property of the file, set once.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;").ConfigureAwait(false);
            Upgrade(DeployChanges.To.SqliteDatabase(factory.ConnectionString));
            return;
        }

        // Several hosts may start together on one PostgreSQL database: one migrates, the others wait.
        await connection.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = PostgresMigrationLockKey }).ConfigureAwait(false);
        try
        {
            Upgrade(DeployChanges.To.PostgresqlDatabase(factory.ConnectionString));
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = PostgresMigrationLockKey }).ConfigureAwait(false);
        }
    }

    private void Upgrade(DbUp.Builder.UpgradeEngineBuilder builder)
    {
        var engine = builder
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.Contains(".Migrations.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();

        var pending = engine.GetScriptsToExecute();
        if (pending.Count == 0)
        {
            return;
        }

        DatabaseUpgradeResult result = engine.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Database migration {result.ErrorScript?.Name} failed: {result.Error?.Message}", result.Error);
        }

        LogMigrated(logger, pending.Count, factory.Provider);
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Applied {Count} database migration(s) on {Provider}")]
    private static partial void LogMigrated(ILogger logger, int count, DatabaseProvider provider);
}
