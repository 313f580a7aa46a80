using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.WorkQueue;

/// <summary>What operators see and do: counts, lists, retries, and retention.</summary>
internal sealed partial class WorkQueueRepository
{
    private const string RetryFailedSql = """
        UPDATE work_items SET state = 'Pending', next_attempt_at = @Now, attempts = 0, updated_at = @Now
        WHERE state = 'Failed' AND (@Kind IS NULL OR kind = @Kind) AND (@Id IS NULL OR id = @Id)
        """;

    private const string PruneSql = """
        DELETE FROM work_items WHERE id IN (
            SELECT id FROM work_items WHERE state IN ('Done', 'Ignored') AND updated_at < @Before LIMIT @Limit)
        """;

    private const string CountSql = "SELECT kind AS Kind, state AS State, COUNT(*) AS Count FROM work_items GROUP BY kind, state";

    // A range of ix_work_items_state: what the gauges sample every 10 s, without reading the finished rows.
    private const string CountUnfinishedSql = """
        SELECT kind AS Kind, state AS State, COUNT(*) AS Count FROM work_items
        WHERE state IN ('Pending', 'Processing', 'Failed') GROUP BY kind, state
        """;

    private const string OldestSql = """
        SELECT lane AS Lane, MIN(created_at) AS CreatedAt FROM work_items WHERE state IN ('Pending', 'Processing') GROUP BY lane
        """;

    private const string ListSql = $"""
        SELECT {Columns} FROM work_items WHERE state = @State AND (@Kind IS NULL OR kind = @Kind) ORDER BY updated_at DESC, id LIMIT @Limit
        """;

    public Task<int> RetryFailedAsync(string? kind, string? id, CancellationToken cancellationToken) =>
        session.ExecuteAsync(RetryFailedSql, new { Kind = kind, Id = id, Now = Now() }, cancellationToken);

    public Task<int> PruneFinishedAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken) =>
        session.ExecuteAsync(PruneSql, new { Before = UnixTime.ToMs(before), Limit = (long)limit }, cancellationToken);

    public async Task<WorkQueueOverview> GetOverviewAsync(bool withFinished, CancellationToken cancellationToken)
    {
        var counts = await session.QueryAsync<CountRow>(withFinished ? CountSql : CountUnfinishedSql, null, cancellationToken).ConfigureAwait(false);
        var oldest = await session.QueryAsync<OldestRow>(OldestSql, null, cancellationToken).ConfigureAwait(false);
        return new WorkQueueOverview(
            [.. counts.Select(c => new WorkKindCount(c.Kind, Enum.Parse<WorkItemState>(c.State), c.Count)).OrderBy(c => c.Kind, StringComparer.Ordinal).ThenBy(c => c.State)],
            oldest.Where(o => Enum.TryParse<WorkLane>(o.Lane, out _))
                  .ToDictionary(o => Enum.Parse<WorkLane>(o.Lane), o => UnixTime.FromMs(o.CreatedAt)));
    }

    public async Task<IReadOnlyList<WorkItem>> ListAsync(string? kind, WorkItemState state, int limit, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<WorkItemRow>(
            ListSql, new { Kind = kind, State = state.ToString(), Limit = (long)limit }, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToItem)];
    }

    private sealed class CountRow
    {
        public string Kind { get; set; } = string.Empty;

        public string State { get; set; } = string.Empty;

        public long Count { get; set; }
    }

    private sealed class OldestRow
    {
        public string Lane { get; set; } = string.Empty;

        public long CreatedAt { get; set; }
    }
}
