using CodeStream.Integrations.Application.Common.WorkQueue;
using Dapper;

namespace CodeStream.Integrations.Infrastructure.WorkQueue;

/// <summary>
/// The one <c>INSERT</c> of new work items, a row per item: <c>@Id{n}, @Kind{n}, @Key{n}, @Payload{n}, @Lane{n}</c> and a shared
/// <c>@Now</c>; a row whose (kind, key) is stored already is skipped (<c>ON CONFLICT DO NOTHING</c>).
/// </summary>
internal static class WorkItemInsert
{
    private const string Into =
        "INSERT INTO work_items (id, kind, dedupe_key, payload, state, attempts, next_attempt_at, locked_by, locked_until, result, created_at, updated_at, lane) ";

    /// <summary>The statement for <paramref name="rows"/> rows (numbered 0…), optionally returning the ids it stored.</summary>
    public static string Sql(int rows, bool returningIds)
    {
        var sql = new System.Text.StringBuilder(Into + "VALUES ", Into.Length + (rows * 96) + 48);
        for (var i = 0; i < rows; i++)
        {
            sql.Append(i == 0 ? "(" : ", (").Append(Row(i)).Append(')');
        }

        return sql.Append(returningIds ? " ON CONFLICT DO NOTHING RETURNING id" : " ON CONFLICT DO NOTHING").ToString();
    }

    /// <summary>
    /// SQLite's form of a multi-row insert returning the ids it stored: the rows as one JSON parameter <c>@Rows</c>
    /// (<see cref="Persistence.SqliteJsonRows"/>, each <c>[id, kind, key, payload, lane]</c>) and <c>@Now</c>.
    /// (<c>WHERE true</c>: SQLite's parser needs it before an upsert's <c>ON CONFLICT</c> after a <c>SELECT</c>.)
    /// </summary>
    public const string SqliteJsonSql = Into + """
        SELECT r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3, 'Pending', 0, @Now, NULL, NULL, NULL, @Now, @Now, r.value ->> 4
        FROM json_each(@Rows) AS r WHERE true
        ON CONFLICT DO NOTHING RETURNING id
        """;

    /// <summary>Adds <paramref name="item"/> as a row of <see cref="SqliteJsonSql"/>.</summary>
    public static void AddRow(Persistence.SqliteJsonRows rows, string id, NewWorkItem item) =>
        rows.Row().Add(id).Add(item.Kind).Add(item.DedupeKey).Add(item.Payload).Add(item.Lane.ToString());

    /// <summary>One row (numbered 0), stored only when <paramref name="condition"/> (SQL over the statement's parameters) holds.</summary>
    public static string SqlWhen(string condition) => $"{Into}SELECT {Row(0)} WHERE {condition} ON CONFLICT DO NOTHING";

    /// <summary>The parameters of <paramref name="item"/> as row <paramref name="row"/>, with a fresh id.</summary>
    public static void AddRow(DynamicParameters parameters, int row, string id, NewWorkItem item)
    {
        var n = row.ToString(System.Globalization.CultureInfo.InvariantCulture);
        parameters.Add("Id" + n, id);
        parameters.Add("Kind" + n, item.Kind);
        parameters.Add("Key" + n, item.DedupeKey);
        parameters.Add("Payload" + n, item.Payload);
        parameters.Add("Lane" + n, item.Lane.ToString());
    }

    /// <summary>The parameters of a one-row statement (row 0), with a fresh id.</summary>
    public static Persistence.SqlArguments OneRow(NewWorkItem item, long now) =>
        new Persistence.SqlArguments()
            .Add("Now", now)
            .Add("Id0", Guid.CreateVersion7().ToString("N"))
            .Add("Kind0", item.Kind)
            .Add("Key0", item.DedupeKey)
            .Add("Payload0", item.Payload)
            .Add("Lane0", item.Lane.ToString());

    private static string Row(int i) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"@Id{i}, @Kind{i}, @Key{i}, @Payload{i}, 'Pending', 0, @Now, NULL, NULL, NULL, @Now, @Now, @Lane{i}");
}
