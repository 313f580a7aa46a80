using CodeStream.Integrations.Infrastructure;
using CodeStream.Integrations.Infrastructure.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace CodeStream.Integrations.TestSupport.Databases;

/// <summary>
/// A fresh, migrated database for one test class: a SQLite file in a temp folder, or a new PostgreSQL database created
/// on the server named by <see cref="PostgresEnvironmentVariable"/> (and dropped afterwards).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>An ADO.NET connection string to a PostgreSQL server where the user may create databases.</summary>
    public const string PostgresEnvironmentVariable = "CODESTREAM_TEST_POSTGRES";

    /// <summary>Set to 1 (as <c>.ci/run</c> does) to fail, rather than skip, PostgreSQL tests when no server is configured.</summary>
    public const string RequirePostgresEnvironmentVariable = "CODESTREAM_REQUIRE_POSTGRES";

    private readonly string? _sqliteFolder;
    private readonly string? _postgresDatabase;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteFolder, string? postgresDatabase)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this._sqliteFolder = sqliteFolder;
        this._postgresDatabase = postgresDatabase;
        Factory = DependencyInjection.CreateConnectionFactory(new StorageOptions { Provider = ProviderName, ConnectionString = connectionString });
    }

    public DatabaseProvider Provider { get; }

    public string ProviderName => Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";

    public string ConnectionString { get; }

    public IDbConnectionFactory Factory { get; }

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresEnvironmentVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Skips the calling test when PostgreSQL is not configured here (never on CI, which requires it).</summary>
    public static void SkipUnlessAvailable(DatabaseProvider provider)
    {
        if (provider != DatabaseProvider.Postgres || PostgresServer is not null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(RequirePostgresEnvironmentVariable) == "1")
        {
            throw new InvalidOperationException($"PostgreSQL tests are required but {PostgresEnvironmentVariable} is not set.");
        }

        Skip.If(true, $"PostgreSQL is not configured: set {PostgresEnvironmentVariable} (bash .ci/run does).");
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        SkipUnlessAvailable(provider);
        var database = provider == DatabaseProvider.Postgres ? await CreatePostgresAsync() : CreateSqlite();
        if (migrate)
        {
            await new DatabaseMigrator(database.Factory, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        }

        return database;
    }

    public async ValueTask DisposeAsync()
    {
        if (Factory is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TryDelete(_sqliteFolder);
        }

        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresServer);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static TestDatabase CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "codestream-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "codestream.db")}", folder, null);
    }

    private static async Task<TestDatabase> CreatePostgresAsync()
    {
        var name = $"cs_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(PostgresServer))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name };
        return new TestDatabase(DatabaseProvider.Postgres, builder.ConnectionString, null, name);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may linger on some platforms; the temp folder is cleaned by the OS.
        }
    }
}
