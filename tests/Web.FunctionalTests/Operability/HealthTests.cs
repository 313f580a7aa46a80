using System.Net;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;
using CodeStream.Integrations.TestSupport.Hosting;
using CodeStream.Integrations.TestSupport.Scenarios;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CodeStream.Integrations.Web.FunctionalTests.Operability;

/// <summary>
/// <c>/health/live</c> and <c>/health/ready</c> (spec §10): live while the process serves, ready only while the database
/// answers; both without credentials (load balancers call them) and without any detail an outsider could use.
/// </summary>
public sealed class HealthTests
{
    public static TheoryData<DatabaseProvider> Databases => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task Health_WhenDatabaseIsReachable_LiveAndReadyAnswer200WithoutApiKey(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var host = await TestHost.StartAsync(database, Settings(Path.GetTempPath()));
        using var client = host.CreateClient(apiKey: null);

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_WhenTheSqliteDatabaseFolderIsRemovedAfterStart_Answers503WhileLiveStays200()
    {
        using var folder = new TempFolder();
        var databaseFolder = Path.Combine(folder.Path, "data");
        Directory.CreateDirectory(databaseFolder);
        var settings = Settings(folder.Path);
        settings["storage:provider"] = "sqlite";
        settings["storage:connectionString"] = $"Data Source={Path.Combine(databaseFolder, "codestream.db")}";
        await using var host = await TestHost.StartAsync(settings);
        using var client = host.CreateClient(apiKey: null);
        using (var before = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Directory.Delete(databaseFolder, recursive: true);
        using (var pooled = new SqliteConnection(host.Services.GetRequiredService<IDbConnectionFactory>().ConnectionString))
        {
            SqliteConnection.ClearPool(pooled); // open handles would still reach the unlinked file
        }

        await SlackScenario.WaitUntilAsync(
            async () =>
            {
                using var ready = await client.GetAsync("/health/ready");
                return ready.StatusCode == HttpStatusCode.ServiceUnavailable;
            },
            TimeSpan.FromSeconds(10),
            "ready turns 503 once the database cannot be opened");
        using var unready = await client.GetAsync("/health/ready");
        using var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unready.StatusCode);
        var body = await unready.Content.ReadAsStringAsync();
        Assert.Equal("Unhealthy", body);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [SkippableFact]
    public async Task Ready_WhenThePostgresDatabaseIsDroppedAfterStart_Answers503WhileLiveStays200()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, migrate: false);
        await using var host = await TestHost.StartAsync(database, Settings(Path.GetTempPath()));
        using var client = host.CreateClient(apiKey: null);
        using (var before = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using (var admin = new NpgsqlConnection(TestDatabase.PostgresServer))
        {
            await admin.OpenAsync();
            var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database;
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        await SlackScenario.WaitUntilAsync(
            async () =>
            {
                using var ready = await client.GetAsync("/health/ready");
                return ready.StatusCode == HttpStatusCode.ServiceUnavailable;
            },
            TimeSpan.FromSeconds(20),
            "ready turns 503 once the database is gone");
        using var unready = await client.GetAsync("/health/ready");
        using var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unready.StatusCode);
        var body = await unready.Content.ReadAsStringAsync();
        Assert.Equal("Unhealthy", body);
        Assert.DoesNotContain("Password", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task StartAsync_WhenPostgresIsUnreachable_DoesNotStart()
    {
        var settings = Settings(Path.GetTempPath());
        settings["storage:provider"] = "postgres";
        settings["storage:connectionString"] = "Host=127.0.0.1;Port=1;Username=codestream;Password=secret-password-x;Database=codestream;Timeout=5";

        var failure = await Assert.ThrowsAnyAsync<Exception>(async () => await (await TestHost.StartAsync(settings)).DisposeAsync());

        Assert.DoesNotContain("secret-password-x", failure.ToString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(string folder) => new()
    {
        ["dataProtection:keysPath"] = Path.Combine(folder, "codestream-tests", "keys-health-" + Guid.NewGuid().ToString("N")),
    };
}
