using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.WorkQueue;

internal sealed class WorkQueueRepository(DbSession session, TimeProvider clock) : IWorkQueue
{
    private const string Columns = """
        id AS Id, kind AS Kind, dedupe_key AS DedupeKey, payload AS Payload, state AS State, attempts AS Attempts,
        next_attempt_at AS NextAttemptAt, result AS Result, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    private static readonly string InsertSql = WorkItemInsert.Sql(rows: 1, returningIds: false);

    // Index range on (state, next_attempt_at), already in order: cheap however long the backlog is.
    private const string DueSql = """
        SELECT id FROM work_items
        WHERE state = 'Pending' AND next_attempt_at <= @Now
        ORDER BY next_attempt_at
        LIMIT @Limit
        """;

    // Items whose claim lapsed (their worker died) become due again; only claimed rows are looked at.
    private const string ReleaseLapsedSql = """
        UPDATE work_items SET state = 'Pending', locked_by = NULL, locked_until = NULL, next_attempt_at = @Now
        WHERE state = 'Processing' AND locked_until < @Now
        """;

    // PostgreSQL: several hosts claim side by side; SKIP LOCKED hands each row to one of them.
    private const string ClaimPostgresSql = $"""
        UPDATE work_items SET state = 'Processing', locked_by = @WorkerId, locked_until = @LockedUntil,
                              attempts = attempts + 1, updated_at = @Now
        WHERE id IN ({DueSql} FOR UPDATE SKIP LOCKED)
        RETURNING {Columns}
        """;

    // SQLite: one writer at a time, so the statement itself is the claim.
    private const string ClaimSqliteSql = $"""
        UPDATE work_items SET state = 'Processing', locked_by = @WorkerId, locked_until = @LockedUntil,
                              attempts = attempts + 1, updated_at = @Now
        WHERE id IN ({DueSql})
        RETURNING {Columns}
        """;

    private const string CompleteSql = """
        UPDATE work_items SET state = @State, result = @Result, next_attempt_at = @NextAttemptAt,
                              locked_by = NULL, locked_until = NULL, updated_at = @Now
        WHERE id = @Id
        """;

    private const string RetryFailedSql = """
        UPDATE work_items SET state = 'Pending', next_attempt_at = @Now, attempts = 0, updated_at = @Now
        WHERE state = 'Failed' AND (@Kind IS NULL OR kind = @Kind)
        """;

    private const string CountSql = "SELECT state AS State, COUNT(*) AS Count FROM work_items WHERE kind = @Kind GROUP BY state";

    private const string ListSql = $"SELECT {Columns} FROM work_items WHERE kind = @Kind AND state = @State ORDER BY updated_at DESC, id LIMIT @Limit";

    public async Task<bool> EnqueueAsync(NewWorkItem item, CancellationToken cancellationToken)
    {
        var inserted = await session.ExecuteAsync(
            InsertSql,
            new { Id0 = Guid.CreateVersion7().ToString("N"), Kind0 = item.Kind, Key0 = item.DedupeKey, Payload0 = item.Payload, Now = Now() },
            cancellationToken).ConfigureAwait(false);
        return inserted == 1;
    }

    public async Task<IReadOnlyList<WorkItem>> ClaimAsync(string workerId, int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = await session.InTransactionAsync(
            async () =>
            {
                await session.ExecuteAsync(ReleaseLapsedSql, new { Now = UnixTime.ToMs(now) }, cancellationToken).ConfigureAwait(false);
                return await session.QueryAsync<WorkItemRow>(
                    session.Provider == DatabaseProvider.Postgres ? ClaimPostgresSql : ClaimSqliteSql,
                    new { WorkerId = workerId, LockedUntil = UnixTime.ToMs(now + lease), Now = UnixTime.ToMs(now), Limit = (long)limit },
                    cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToItem)];
    }

    public async Task CompleteAsync(IReadOnlyList<WorkCompletion> completions, CancellationToken cancellationToken)
    {
        if (completions.Count == 0)
        {
            return;
        }

        var now = Now();
        var rows = completions.Select(c => new
        {
            c.Id,
            State = c.Outcome.State.ToString(),
            Result = c.Outcome.Result is { Length: > 2000 } text ? text[..2000] : c.Outcome.Result,
            NextAttemptAt = UnixTime.ToMs(c.NextAttemptAt),
            Now = now,
        });
        await session.InTransactionAsync(() => session.ExecuteAsync(CompleteSql, rows, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public Task<int> RetryFailedAsync(string? kind, CancellationToken cancellationToken) =>
        session.ExecuteAsync(RetryFailedSql, new { Kind = kind, Now = Now() }, cancellationToken);

    public async Task<IReadOnlyDictionary<WorkItemState, long>> CountByStateAsync(string kind, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<CountRow>(CountSql, new { Kind = kind }, cancellationToken).ConfigureAwait(false);
        var counts = Enum.GetValues<WorkItemState>().ToDictionary(s => s, _ => 0L);
        foreach (var row in rows)
        {
            counts[Enum.Parse<WorkItemState>(row.State)] = row.Count;
        }

        return counts;
    }

    public async Task<IReadOnlyList<WorkItem>> ListAsync(string kind, WorkItemState state, int limit, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<WorkItemRow>(
            ListSql, new { Kind = kind, State = state.ToString(), Limit = (long)limit }, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToItem)];
    }

    private long Now() => UnixTime.ToMs(clock.GetUtcNow());

    private static WorkItem ToItem(WorkItemRow row) => new(
        row.Id,
        row.Kind,
        row.DedupeKey,
        row.Payload,
        Enum.Parse<WorkItemState>(row.State),
        (int)row.Attempts,
        UnixTime.FromMs(row.NextAttemptAt),
        row.Result,
        UnixTime.FromMs(row.CreatedAt),
        UnixTime.FromMs(row.UpdatedAt));

    private sealed class WorkItemRow
    {
        public string Id { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public string DedupeKey { get; set; } = string.Empty;

        public string Payload { get; set; } = string.Empty;

        public string State { get; set; } = string.Empty;

        public long Attempts { get; set; }

        public long NextAttemptAt { get; set; }

        public string? Result { get; set; }

        public long CreatedAt { get; set; }

        public long UpdatedAt { get; set; }
    }

    private sealed class CountRow
    {
        public string State { get; set; } = string.Empty;

        public long Count { get; set; }
    }
}
