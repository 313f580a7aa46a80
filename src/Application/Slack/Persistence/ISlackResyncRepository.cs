namespace CodeStream.Integrations.Application.Slack.Persistence;

/// <summary>A resync run and its progress (what <c>GET /api/v1/slack/resync/{id}</c> shows).</summary>
public sealed record SlackResyncRun(
    string Id,
    string Trigger,
    string? SlackTeamId,
    DateTimeOffset? Since,
    string State,
    int ThreadsTotal,
    int ThreadsDone,
    int RepliesAdded,
    int EditsApplied,
    int Errors,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt)
{
    public const string Running = "running";
    public const string Finished = "finished";
}

/// <summary>
/// A shared thread to read again: from <see cref="Oldest"/> (the newest Slack reply stored before the gap, inclusive;
/// the whole thread when null), continuing at <see cref="Cursor"/>.
/// </summary>
public sealed record SlackResyncThread(
    int Position, string TeamId, string SlackTeamId, string ChannelId, string ThreadTs, string? Oldest, string? Cursor);

/// <summary>What one page of a thread came to.</summary>
public sealed record SlackResyncProgress(int RepliesAdded, int EditsApplied, int Errors);

/// <summary>Resync runs, their threads, and the hosts' heartbeats.</summary>
public interface ISlackResyncRepository
{
    /// <summary>The threads of shares still in Slack that were shared, or had a reply, since <paramref name="activeSince"/>.</summary>
    Task<IReadOnlyList<SlackResyncThread>> FindActiveThreadsAsync(
        string? slackTeamId, DateTimeOffset activeSince, DateTimeOffset? gapStart, CancellationToken cancellationToken);

    Task CreateRunAsync(SlackResyncRun run, IReadOnlyList<SlackResyncThread> threads, CancellationToken cancellationToken);

    Task<SlackResyncRun?> GetRunAsync(string id, CancellationToken cancellationToken);

    /// <summary>Whether a run (of this workspace, or of all when null) has not finished yet.</summary>
    Task<bool> HasUnfinishedRunAsync(string? slackTeamId, CancellationToken cancellationToken);

    /// <summary>The first thread of the run not yet read to its end, or null when all are.</summary>
    Task<SlackResyncThread?> NextThreadAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Records a page: the thread's next cursor (null: the thread is done) and the counts it adds to the run.</summary>
    Task RecordPageAsync(string runId, int position, string? nextCursor, SlackResyncProgress progress, CancellationToken cancellationToken);

    Task FinishRunAsync(string runId, DateTimeOffset at, CancellationToken cancellationToken);

    Task BeatAsync(string hostId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The newest heartbeat of any host or stored Slack event, or null on a fresh install.</summary>
    Task<DateTimeOffset?> LastSignOfLifeAsync(CancellationToken cancellationToken);
}
