using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CodeStream.Integrations.Infrastructure.Persistence;

internal sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    public SqliteConnectionFactory(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(connectionString) ? $"Data Source={StorageOptions.DefaultSqliteFile}" : connectionString)
        {
            ForeignKeys = true,
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy database until the command timeout: writers queue instead of failing.
            DefaultTimeout = 30,
        };
        ConnectionString = builder.ToString();
    }

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string ConnectionString { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // busy_timeout: SQLite's own busy handler waits in small steps inside the engine; without it a busy database
        // is retried by the driver with long sleeps, which queues writers behind each other for no reason.
        // synchronous=NORMAL (WAL): a commit is in the WAL before it returns, so a killed or crashed process loses
        // nothing; only a power cut may lose the last commits, in exchange for not waiting on an fsync per commit.
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
