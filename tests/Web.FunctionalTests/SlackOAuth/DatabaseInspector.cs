using System.Data.Common;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackOAuth;

/// <summary>Reads the test database directly, to check what a scenario really stored.</summary>
internal static class DatabaseInspector
{
    public static async Task<long> CountAsync(TestDatabase database, string table, string where = "1 = 1")
    {
        await using var connection = await database.Factory.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE {where}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<string?> ScalarAsync(TestDatabase database, string sql)
    {
        await using var connection = await database.Factory.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    /// <summary>Every text value of every row of every application table, for "this never appears anywhere" checks.</summary>
    public static async Task<string> DumpAllTextAsync(TestDatabase database)
    {
        await using var connection = await database.Factory.OpenAsync(CancellationToken.None);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = database.Provider == DatabaseProvider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM {table}";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    dump.Append(reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                dump.AppendLine();
            }
        }

        return dump.ToString();
    }

    public static Task<DbConnection> OpenAsync(TestDatabase database) => database.Factory.OpenAsync(CancellationToken.None);
}
