using System.Data.Common;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;
using Dapper;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Support;

/// <summary>Direct SQL against a test database, for what the repositories do not expose (row counts, the schema).</summary>
internal static class Sql
{
    public static async Task<long> CountAsync(this TestDatabase database, string table)
    {
        await using var connection = await database.Factory.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    public static async Task<IReadOnlyList<T>> QueryAsync<T>(this TestDatabase database, string sql, object? parameters = null)
    {
        await using var connection = await database.Factory.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<T>(sql, parameters)).AsList();
    }

    /// <summary>Table names, lower-cased, without SQLite's own bookkeeping tables.</summary>
    public static async Task<IReadOnlyList<string>> TableNamesAsync(this TestDatabase database)
    {
        var sql = database.Provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
        return Normalize(await database.QueryAsync<string>(sql));
    }

    /// <summary>A table's column names, lower-cased and sorted.</summary>
    public static async Task<IReadOnlyList<string>> ColumnNamesAsync(this TestDatabase database, string table)
    {
        var sql = database.Provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM pragma_table_info(@table)"
            : "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table";
        return Normalize(await database.QueryAsync<string>(sql, new { table }));
    }

    /// <summary>The indexes the migration names itself (<c>ix_*</c>, <c>ux_*</c>), lower-cased and sorted.</summary>
    public static async Task<IReadOnlyList<string>> NamedIndexesAsync(this TestDatabase database)
    {
        var sql = database.Provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'index'"
            : "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'";
        var names = await database.QueryAsync<string>(sql);
        return Normalize(names.Where(name =>
            name.StartsWith("ix_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("ux_", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The script names DbUp recorded in its journal.</summary>
    public static Task<IReadOnlyList<string>> JournalAsync(this TestDatabase database) =>
        database.QueryAsync<string>("SELECT scriptname FROM schemaversions ORDER BY scriptname");

    public static Task<DbConnection> OpenAsync(this TestDatabase database) => database.Factory.OpenAsync(CancellationToken.None);

    private static string[] Normalize(IEnumerable<string> names) =>
        [.. names.Select(name => name.ToLowerInvariant()).Order(StringComparer.Ordinal)];
}
