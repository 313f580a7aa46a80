using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.WorkQueue;

/// <summary>
/// The work queue's claims and completions. A claim is fenced: it belongs to one worker and one attempt, and every
/// write that finishes it (or that its handler commits) checks both, so a worker whose lease lapsed changes nothing.
/// </summary>
internal sealed partial class WorkQueueRepository(DbSession session, WorkQueueSignal signal, TimeProvider clock) : IWorkQueue
{
    private const string Columns = """
        id AS Id, kind AS Kind, dedupe_key AS DedupeKey, payload AS Payload, state AS State, attempts AS Attempts,
        next_attempt_at AS NextAttemptAt, result AS Result, created_at AS CreatedAt, updated_at AS UpdatedAt, lane AS Lane
        """;

    private static readonly string InsertSql = WorkItemInsert.Sql(rows: 1, returningIds: false);

    // Completions per PostgreSQL statement (seven values each, far below its 65,535 parameters).
    private const int CompletionChunk = 256;

    // Index range on (lane, next_attempt_at) of the Pending items only (ix_work_items_due), already in order: cheap
    // however long the backlog is.
    private const string DueSql = """
        SELECT id FROM work_items
        WHERE lane = @Lane AND state = 'Pending' AND next_attempt_at <= @Now
        ORDER BY next_attempt_at
        LIMIT @Limit
        """;

    private const string ClaimSet = """
        UPDATE work_items SET state = 'Processing', locked_by = @WorkerId, locked_until = @LockedUntil,
                              attempts = attempts + 1, updated_at = @Now
        """;

    // PostgreSQL: several hosts claim side by side; SKIP LOCKED hands each row to one of them.
    private const string ClaimPostgresSql = $"{ClaimSet} WHERE id IN ({DueSql} FOR UPDATE SKIP LOCKED) RETURNING {Columns}";

    // SQLite: one writer at a time, so the statement itself is the claim.
    private const string ClaimSqliteSql = $"{ClaimSet} WHERE id IN ({DueSql}) RETURNING {Columns}";

    private const string RenewSql = """
        UPDATE work_items SET locked_until = @LockedUntil WHERE state = 'Processing' AND locked_by = @WorkerId
        """;

    // PostgreSQL: a row another transaction holds is one of this worker's items committing its own fenced transaction
    // (the fence locks it until the commit). Waiting for each of them would hold every row already renewed, and stall
    // their fences, until the slowest commit; skipped, it is renewed a third of a lease later.
    private const string RenewPostgresSql = $"""
        {RenewSql} AND id IN (SELECT id FROM work_items WHERE state = 'Processing' AND locked_by = @WorkerId FOR UPDATE SKIP LOCKED)
        """;

    // A claim that lapsed counts as an attempt (it was counted when claimed): an item that crashes or hangs its worker
    // every time is parked once its attempts are used up, instead of taking workers down forever.
    private const string ReleaseLapsedSql = """
        UPDATE work_items SET
            state = CASE WHEN attempts >= @MaxAttempts THEN 'Failed' ELSE 'Pending' END,
            result = CASE WHEN attempts >= @MaxAttempts
                          THEN 'abandoned: its worker crashed, hung or lost the database on every attempt'
                          ELSE 'lease lapsed: its worker crashed, hung or lost the database' END,
            locked_by = NULL, locked_until = NULL, next_attempt_at = @Now, updated_at = @Now
        WHERE state = 'Processing' AND locked_until < @Now
        """;

    private const string ReleaseSql = """
        UPDATE work_items SET state = 'Pending', locked_by = NULL, locked_until = NULL, attempts = attempts - 1,
                              result = 'released when its host stopped', next_attempt_at = @Now, updated_at = @Now
        WHERE state = 'Processing' AND locked_by = @WorkerId
        """;

    // One statement for a whole group of completions, each fenced by worker and attempt. Finished items keep their key
    // (a redelivery is still a no-op) but not their text.
    private const string CompleteHead = "WITH c (id, attempts, state, result, next_attempt_at, refund, finished) AS (VALUES ";

    private const string CompleteTail = """
        )
        """ + CompleteUpdate;

    // SQLite's form: the completions as one JSON parameter (see SqliteJsonRows).
    private const string CompleteSqliteJsonSql = """
        WITH c (id, attempts, state, result, next_attempt_at, refund, finished) AS (
            SELECT r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 4, r.value ->> 5, r.value ->> 6
            FROM json_each(@Rows) AS r)
        """ + CompleteUpdate;

    private const string CompleteUpdate = """
        UPDATE work_items SET state = c.state, result = c.result, next_attempt_at = c.next_attempt_at,
                              attempts = work_items.attempts - c.refund,
                              payload = CASE WHEN c.finished = 1 THEN '' ELSE work_items.payload END,
                              locked_by = NULL, locked_until = NULL, updated_at = @Now
        FROM c
        WHERE work_items.id = c.id AND work_items.state = 'Processing' AND work_items.locked_by = @WorkerId AND work_items.attempts = c.attempts
        """;

    // Inside a handler's transaction, just before it commits: a read, not a write (no index to rewrite). On SQLite the
    // transaction already holds the only writer's place; on PostgreSQL FOR UPDATE holds the row until the commit, and
    // the check travels with the COMMIT (CommitFence.RaisingSql).
    private const string FenceSql = """
        SELECT 1 FROM work_items
        WHERE id = @Id AND state = 'Processing' AND locked_by = @WorkerId AND attempts = @Attempts
        """;

    public async Task<bool> EnqueueAsync(NewWorkItem item, CancellationToken cancellationToken)
    {
        var inserted = await session.ExecuteAsync(InsertSql, WorkItemInsert.OneRow(item, Now()), cancellationToken).ConfigureAwait(false);
        if (inserted == 1)
        {
            session.OnCommitted(() => signal.Notify(item.Lane)); // woken before the commit, the processor would find nothing yet
        }

        return inserted == 1;
    }

    public async Task<IReadOnlyList<WorkItem>> ClaimAsync(string workerId, WorkLane lane, int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var parameters = new
        {
            WorkerId = workerId,
            Lane = lane.ToString(),
            LockedUntil = UnixTime.ToMs(now + lease),
            Now = UnixTime.ToMs(now),
            Limit = (long)limit,
        };

        // One statement, atomic by itself: PostgreSQL needs no transaction around it (that would be a COMMIT round trip
        // more); on SQLite the transaction is how the claim takes its turn at the write gate.
        var rows = session.Provider == DatabaseProvider.Postgres
            ? await session.QueryAsync<WorkItemRow>(ClaimPostgresSql, parameters, cancellationToken).ConfigureAwait(false)
            : await session.InTransactionAsync(() => session.QueryAsync<WorkItemRow>(ClaimSqliteSql, parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToItem)];
    }

    public Task RenewAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken) =>
        session.ExecuteAsync(session.Provider == DatabaseProvider.Postgres ? RenewPostgresSql : RenewSql, new { WorkerId = workerId, LockedUntil = UnixTime.ToMs(clock.GetUtcNow() + lease) }, cancellationToken);

    public Task<int> ReleaseLapsedAsync(int maxAttempts, CancellationToken cancellationToken) =>
        session.ExecuteAsync(ReleaseLapsedSql, new { MaxAttempts = (long)maxAttempts, Now = Now() }, cancellationToken);

    public Task<int> ReleaseAsync(string workerId, CancellationToken cancellationToken) =>
        session.ExecuteAsync(ReleaseSql, new { WorkerId = workerId, Now = Now() }, cancellationToken);

    public async Task<int> CompleteAsync(string workerId, IReadOnlyList<WorkCompletion> completions, CancellationToken cancellationToken)
    {
        if (completions.Count == 0)
        {
            return 0;
        }

        var now = Now();
        if (session.Provider == DatabaseProvider.Postgres && completions.Count <= CompletionChunk)
        {
            // One statement, atomic by itself: no COMMIT round trip more.
            var (sql, parameters) = CompleteStatement(workerId, [.. completions], now);
            return await session.ExecuteAsync(sql, parameters, cancellationToken).ConfigureAwait(false);
        }

        return await session.InTransactionAsync(
            async () =>
            {
                if (session.Provider == DatabaseProvider.Sqlite)
                {
                    return await session.ExecuteAsync(CompleteSqliteJsonSql, CompleteJsonParameters(workerId, completions, now), cancellationToken).ConfigureAwait(false);
                }

                var held = 0;
                foreach (var group in completions.Chunk(CompletionChunk))
                {
                    var (sql, parameters) = CompleteStatement(workerId, group, now);
                    held += await session.ExecuteAsync(sql, parameters, cancellationToken).ConfigureAwait(false);
                }

                return held;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static (string Sql, Dapper.DynamicParameters Parameters) CompleteStatement(string workerId, WorkCompletion[] completions, long now)
    {
        var parameters = new Dapper.DynamicParameters();
        parameters.Add("WorkerId", workerId);
        parameters.Add("Now", now);
        var sql = new System.Text.StringBuilder(CompleteHead, CompleteHead.Length + (completions.Length * 64) + CompleteTail.Length);
        for (var i = 0; i < completions.Length; i++)
        {
            var c = completions[i];
            var n = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? string.Empty : ", ").Append(System.Globalization.CultureInfo.InvariantCulture, $"(@I{n}, @A{n}, @S{n}, @R{n}, @N{n}, @F{n}, @D{n})");
            parameters.Add("I" + n, c.Id);
            parameters.Add("A" + n, (long)c.Attempts);
            parameters.Add("S" + n, c.Outcome.State.ToString());
            parameters.Add("R" + n, Truncated(c.Outcome.Result), System.Data.DbType.String);
            parameters.Add("N" + n, UnixTime.ToMs(c.NextAttemptAt));
            parameters.Add("F" + n, c.Outcome.RefundsAttempt ? 1L : 0L);
            parameters.Add("D" + n, Finished(c) ? 1L : 0L);
        }

        return (sql.Append(CompleteTail).ToString(), parameters);
    }

    private static object CompleteJsonParameters(string workerId, IReadOnlyList<WorkCompletion> completions, long now)
    {
        using var rows = new SqliteJsonRows();
        foreach (var c in completions)
        {
            rows.Row().Add(c.Id).Add(c.Attempts).Add(c.Outcome.State.ToString()).Add(Truncated(c.Outcome.Result)).Add(UnixTime.ToMs(c.NextAttemptAt))
                .Add(c.Outcome.RefundsAttempt ? 1L : 0L).Add(Finished(c) ? 1L : 0L);
        }

        return new { WorkerId = workerId, Now = now, Rows = rows.ToJson() };
    }

    private static string? Truncated(string? result) => result is { Length: > 2000 } text ? text[..2000] : result;

    private static bool Finished(WorkCompletion c) => c.Outcome.State is WorkItemState.Done or WorkItemState.Ignored;

    /// <summary>What a claimed item's own transactions must meet to commit: its worker still holds this lease (see <see cref="DbSession.Fence"/>).</summary>
    public static CommitFence Fence(WorkLease lease) =>
        new(FenceSql, new { lease.Id, lease.WorkerId, Attempts = (long)lease.Attempts }, () => new WorkLeaseLostException(lease.Id));

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
        UnixTime.FromMs(row.UpdatedAt),
        Enum.TryParse<WorkLane>(row.Lane, out var lane) ? lane : WorkLane.Background);

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

        public string Lane { get; set; } = string.Empty;
    }
}
