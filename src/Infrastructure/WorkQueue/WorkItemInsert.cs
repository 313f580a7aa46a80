namespace CodeStream.Integrations.Infrastructure.WorkQueue;

/// <summary>
/// The one <c>INSERT</c> of new work items, a row per item: <c>@Id{n}, @Kind{n}, @Key{n}, @Payload{n}, @Lane{n}</c> and a shared
/// <c>@Now</c>; a row whose (kind, key) is stored already is skipped (<c>ON CONFLICT DO NOTHING</c>).
/// </summary>
internal static class WorkItemInsert
{
    private const string Head =
        "INSERT INTO work_items (id, kind, dedupe_key, payload, state, attempts, next_attempt_at, locked_by, locked_until, result, created_at, updated_at, lane) VALUES ";

    /// <summary>The statement for <paramref name="rows"/> rows (numbered 0…), optionally returning the ids it stored.</summary>
    public static string Sql(int rows, bool returningIds)
    {
        var sql = new System.Text.StringBuilder(Head, Head.Length + (rows * 96) + 40);
        for (var i = 0; i < rows; i++)
        {
            sql.Append(i == 0 ? string.Empty : ", ")
               .Append(System.Globalization.CultureInfo.InvariantCulture, $"(@Id{i}, @Kind{i}, @Key{i}, @Payload{i}, 'Pending', 0, @Now, NULL, NULL, NULL, @Now, @Now, @Lane{i})");
        }

        return sql.Append(returningIds ? " ON CONFLICT DO NOTHING RETURNING id" : " ON CONFLICT DO NOTHING").ToString();
    }
}
