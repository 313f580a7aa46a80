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
        GroupCommit = new SqliteGroupCommit(this, WriteGate);
    }

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>Orders this process's writers to the file (see <see cref="Persistence.WriteGate"/>).</summary>
    public WriteGate WriteGate { get; } = new(TimeSpan.FromSeconds(30));

    public string ConnectionString { get; }

    /// <summary>Units of work that queue at the gate share one transaction (see <see cref="SqliteGroupCommit"/>).</summary>
    public SqliteGroupCommit GroupCommit { get; }

    public string AnyOf(string column, string parameter) => $"{column} IN @{parameter}";

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (connection.Handle is { } handle && !Configured.TryGetValue(handle, out _))
        {
            // Once per physical connection (the pool hands the same one back many times; the settings stay with it).
            // busy_timeout: SQLite's own busy handler waits in small steps inside the engine; without it a busy database
            // is retried by the driver with long sleeps. (Writers of this process queue on WriteGate first.)
            // synchronous=NORMAL (WAL): a commit is in the WAL before it returns, so a killed or crashed process loses
            // nothing; only a power cut may lose the last commits, in exchange for not waiting on an fsync per commit.
            // mmap_size = 0: no memory map of the file. Since units of work commit in groups (SqliteGroupCommit), the drain
            // measured faster without the map, whose pages also counted as the host's resident memory (docs/benchmarks.md).
            // cache_size = 256 KiB per connection (SQLite's default is 2 MiB): the operating system caches the file anyway,
            // and a busy host pools dozens of connections.
            // wal_autocheckpoint=0: no commit stops to copy the WAL back into the database (with an fsync) while the
            // writers queue behind it; SqliteCheckpointer does that beside them (see there).
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 0; PRAGMA wal_autocheckpoint = 0; PRAGMA cache_size = -256;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            Configured.AddOrUpdate(handle, Marker);
        }

        return connection;
    }

    private static readonly object Marker = new();

    // Keyed by the native connection, which outlives each pooled SqliteConnection object.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();
}
