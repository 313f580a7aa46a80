using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Slack;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.Slack.Persistence;

internal sealed class SlackResyncRepository(DbSession session) : ISlackResyncRepository
{
    // Slack ts strings compare in time order as text while their seconds have ten digits (until the year 2286).
    private const string ActiveThreadsSql = """
        SELECT s.team_id AS TeamId, s.slack_team_id AS SlackTeamId, s.channel_id AS ChannelId, s.ts AS ThreadTs,
               (SELECT MAX(c.ts) FROM slack_message_copies c JOIN posts p ON p.id = c.post_id
                WHERE c.slack_team_id = s.slack_team_id AND c.channel_id = s.channel_id AND c.thread_ts = s.ts
                  AND p.origin = @SlackOrigin AND (@Before IS NULL OR c.ts <= @Before)) AS Oldest
        FROM codemark_shares s
        WHERE s.deleted_in_slack_at IS NULL AND (@SlackTeamId IS NULL OR s.slack_team_id = @SlackTeamId)
          AND (s.shared_at >= @ActiveSince OR EXISTS (
                SELECT 1 FROM slack_message_copies c
                WHERE c.slack_team_id = s.slack_team_id AND c.channel_id = s.channel_id AND c.thread_ts = s.ts AND c.created_at >= @ActiveSince))
        ORDER BY s.shared_at, s.share_id
        """;

    private const string InsertRunSql = """
        INSERT INTO slack_resync_runs (id, trigger_name, slack_team_id, since, state, threads_total, threads_done, replies_added, edits_applied, errors, created_at, finished_at)
        VALUES (@Id, @Trigger, @SlackTeamId, @Since, @State, @ThreadsTotal, 0, 0, 0, 0, @CreatedAt, NULL)
        """;

    private const string InsertThreadSql = """
        INSERT INTO slack_resync_threads (run_id, position, team_id, slack_team_id, channel_id, thread_ts, oldest, next_cursor, done)
        VALUES (@RunId, @Position, @TeamId, @SlackTeamId, @ChannelId, @ThreadTs, @Oldest, NULL, 0)
        """;

    private const string SelectRunSql = """
        SELECT id AS Id, trigger_name AS TriggerName, slack_team_id AS SlackTeamId, since AS Since, state AS State, threads_total AS ThreadsTotal,
               threads_done AS ThreadsDone, replies_added AS RepliesAdded, edits_applied AS EditsApplied, errors AS Errors,
               created_at AS CreatedAt, finished_at AS FinishedAt
        FROM slack_resync_runs WHERE id = @Id
        """;

    // Running means its work item is still due or in hand: a run whose item was parked (failed) blocks nothing.
    private const string UnfinishedSql = """
        SELECT COUNT(*) FROM slack_resync_runs r
        JOIN work_items w ON w.kind = 'slack-resync' AND w.dedupe_key = r.id AND w.state IN ('Pending', 'Processing')
        WHERE r.state = 'running' AND (@SlackTeamId IS NULL OR r.slack_team_id IS NULL OR r.slack_team_id = @SlackTeamId)
        """;

    private const string NextThreadSql = """
        SELECT position AS Position, team_id AS TeamId, slack_team_id AS SlackTeamId, channel_id AS ChannelId, thread_ts AS ThreadTs,
               oldest AS Oldest, next_cursor AS Cursor
        FROM slack_resync_threads WHERE run_id = @RunId AND done = 0 ORDER BY position LIMIT 1
        """;

    private const string RecordThreadSql = "UPDATE slack_resync_threads SET next_cursor = @Cursor, done = @Done WHERE run_id = @RunId AND position = @Position";

    private const string RecordRunSql = """
        UPDATE slack_resync_runs SET threads_done = threads_done + @Done, replies_added = replies_added + @RepliesAdded,
            edits_applied = edits_applied + @EditsApplied, errors = errors + @Errors
        WHERE id = @RunId
        """;

    private const string FinishRunSql = "UPDATE slack_resync_runs SET state = 'finished', finished_at = @At WHERE id = @RunId AND state = 'running'";

    private const string BeatSql = """
        INSERT INTO host_heartbeats (host_id, beat_at) VALUES (@HostId, @At)
        ON CONFLICT (host_id) DO UPDATE SET beat_at = excluded.beat_at
        """;

    private const string LastSignOfLifeSql = """
        SELECT MAX(at) FROM (
            SELECT MAX(beat_at) AS at FROM host_heartbeats
            UNION ALL SELECT MAX(created_at) AS at FROM work_items WHERE kind = 'slack-event') signs
        """;

    public Task<IReadOnlyList<SlackResyncThread>> FindActiveThreadsAsync(
        string? slackTeamId, DateTimeOffset activeSince, DateTimeOffset? gapStart, CancellationToken cancellationToken) =>
        MapAsync(session.QueryAsync<ThreadRow>(
            ActiveThreadsSql,
            new
            {
                SlackTeamId = slackTeamId,
                ActiveSince = UnixTime.ToMs(activeSince),
                SlackOrigin = SlackPostOrigin.Value.ToString(),
                Before = gapStart is { } at ? $"{at.ToUnixTimeSeconds():D10}.999999" : null,
            },
            cancellationToken));

    public async Task CreateRunAsync(SlackResyncRun run, IReadOnlyList<SlackResyncThread> threads, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            InsertRunSql,
            new { run.Id, run.Trigger, run.SlackTeamId, Since = UnixTime.ToMs(run.Since), run.State, run.ThreadsTotal, CreatedAt = UnixTime.ToMs(run.CreatedAt) },
            cancellationToken).ConfigureAwait(false);
        foreach (var thread in threads)
        {
            await session.ExecuteAsync(
                InsertThreadSql,
                new { RunId = run.Id, thread.Position, thread.TeamId, thread.SlackTeamId, thread.ChannelId, thread.ThreadTs, thread.Oldest },
                cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<SlackResyncRun?> GetRunAsync(string id, CancellationToken cancellationToken) =>
        await session.QuerySingleOrDefaultAsync<RunRow>(SelectRunSql, new { Id = id }, cancellationToken).ConfigureAwait(false) is { } row
            ? new SlackResyncRun(
                row.Id, row.TriggerName, row.SlackTeamId, row.Since is { } since ? UnixTime.FromMs(since) : null, row.State,
                (int)row.ThreadsTotal, (int)row.ThreadsDone, (int)row.RepliesAdded, (int)row.EditsApplied, (int)row.Errors,
                UnixTime.FromMs(row.CreatedAt), row.FinishedAt is { } finished ? UnixTime.FromMs(finished) : null)
            : null;

    public async Task<bool> HasUnfinishedRunAsync(string? slackTeamId, CancellationToken cancellationToken) =>
        await session.QuerySingleOrDefaultAsync<long>(UnfinishedSql, new { SlackTeamId = slackTeamId }, cancellationToken).ConfigureAwait(false) > 0;

    public async Task<SlackResyncThread?> NextThreadAsync(string runId, CancellationToken cancellationToken) =>
        (await MapAsync(session.QueryAsync<ThreadRow>(NextThreadSql, new { RunId = runId }, cancellationToken)).ConfigureAwait(false)).FirstOrDefault();

    public async Task RecordPageAsync(string runId, int position, string? nextCursor, SlackResyncProgress progress, CancellationToken cancellationToken)
    {
        var done = nextCursor is null ? 1 : 0;
        await session.ExecuteAsync(RecordThreadSql, new { RunId = runId, Position = position, Cursor = nextCursor, Done = done }, cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(
            RecordRunSql, new { RunId = runId, Done = done, progress.RepliesAdded, progress.EditsApplied, progress.Errors }, cancellationToken).ConfigureAwait(false);
    }

    public Task FinishRunAsync(string runId, DateTimeOffset at, CancellationToken cancellationToken) =>
        session.ExecuteAsync(FinishRunSql, new { RunId = runId, At = UnixTime.ToMs(at) }, cancellationToken);

    public Task BeatAsync(string hostId, DateTimeOffset at, CancellationToken cancellationToken) =>
        session.ExecuteAsync(BeatSql, new { HostId = hostId, At = UnixTime.ToMs(at) }, cancellationToken);

    public async Task<DateTimeOffset?> LastSignOfLifeAsync(CancellationToken cancellationToken) =>
        await session.QuerySingleOrDefaultAsync<long?>(LastSignOfLifeSql, null, cancellationToken).ConfigureAwait(false) is { } at
            ? UnixTime.FromMs(at)
            : null;

    private static async Task<IReadOnlyList<SlackResyncThread>> MapAsync(Task<IReadOnlyList<ThreadRow>> rows) =>
        [.. (await rows.ConfigureAwait(false)).Select((r, i) => new SlackResyncThread(
            r.Position ?? i, r.TeamId, r.SlackTeamId, r.ChannelId, r.ThreadTs, r.Oldest, r.Cursor))];

    private sealed class ThreadRow
    {
        public int? Position { get; set; }

        public string TeamId { get; set; } = string.Empty;

        public string SlackTeamId { get; set; } = string.Empty;

        public string ChannelId { get; set; } = string.Empty;

        public string ThreadTs { get; set; } = string.Empty;

        public string? Oldest { get; set; }

        public string? Cursor { get; set; }
    }

    private sealed class RunRow
    {
        public string Id { get; set; } = string.Empty;

        public string TriggerName { get; set; } = string.Empty;

        public string? SlackTeamId { get; set; }

        public long? Since { get; set; }

        public string State { get; set; } = string.Empty;

        public long ThreadsTotal { get; set; }

        public long ThreadsDone { get; set; }

        public long RepliesAdded { get; set; }

        public long EditsApplied { get; set; }

        public long Errors { get; set; }

        public long CreatedAt { get; set; }

        public long? FinishedAt { get; set; }
    }
}
