using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.Slack.Persistence;

internal sealed partial class SlackShareRepository(DbSession session, SlackThreadCache threads, WorkQueue.WorkQueueSignal? signal = null, TimeProvider? clock = null)
    : ISlackShareRepository
{
    private const string ShareColumns = """
        codemark_id AS CodemarkId, team_id AS TeamId, slack_team_id AS SlackTeamId, slack_team_name AS SlackTeamName,
        channel_id AS ChannelId, channel_name AS ChannelName, ts AS Ts, permalink AS Permalink, shared_at AS SharedAt,
        shared_by_user_id AS SharedByUserId, deleted_in_slack_at AS DeletedInSlackAt, idempotency_key AS IdempotencyKey
        """;

    // Both the share identifier and (workspace, channel, ts) are unique: the database refuses a second record.
    private const string InsertShareSql = """
        INSERT INTO codemark_shares (share_id, codemark_id, team_id, slack_team_id, slack_team_name, channel_id, channel_name, ts,
                                     permalink, shared_at, shared_by_user_id, deleted_in_slack_at, idempotency_key)
        VALUES (@ShareId, @CodemarkId, @TeamId, @SlackTeamId, @SlackTeamName, @ChannelId, @ChannelName, @Ts,
                @Permalink, @SharedAt, @SharedByUserId, @DeletedInSlackAt, @IdempotencyKey)
        ON CONFLICT DO NOTHING
        """;

    private const string SelectSharesSql = $"SELECT {ShareColumns} FROM codemark_shares WHERE codemark_id = @CodemarkId ORDER BY shared_at";

    private const string SelectLiveShareSql = $"""
        SELECT {ShareColumns} FROM codemark_shares
        WHERE codemark_id = @CodemarkId AND slack_team_id = @SlackTeamId AND channel_id = @ChannelId AND deleted_in_slack_at IS NULL
        ORDER BY shared_at LIMIT 1
        """;

    private const string SelectShareByKeySql = $"SELECT {ShareColumns} FROM codemark_shares WHERE codemark_id = @CodemarkId AND idempotency_key = @Key";

    private const string SelectShareByMessageSql = $"""
        SELECT {ShareColumns} FROM codemark_shares WHERE slack_team_id = @SlackTeamId AND channel_id = @ChannelId AND ts = @Ts
        """;

    private const string MarkShareDeletedSql = """
        UPDATE codemark_shares SET deleted_in_slack_at = @DeletedAt
        WHERE slack_team_id = @SlackTeamId AND channel_id = @ChannelId AND ts = @Ts AND deleted_in_slack_at IS NULL
        """;

    private const string RenameChannelSql = """
        UPDATE codemark_shares SET channel_name = @Name, channel_name_at = @At
        WHERE slack_team_id = @SlackTeamId AND channel_id = @ChannelId AND (channel_name_at IS NULL OR channel_name_at < @At)
        """;

    private static readonly string EnqueueForOtherThreadsSql = WorkQueue.WorkItemInsert.SqlWhen("""
        EXISTS (SELECT 1 FROM codemark_shares
                WHERE codemark_id = @CodemarkId AND deleted_in_slack_at IS NULL AND (@Except IS NULL OR share_id <> @Except))
        """);

    private const string ReserveSql = """
        INSERT INTO share_reservations (codemark_id, slack_team_id, channel_id, reserved_at, intent)
        VALUES (@CodemarkId, @SlackTeamId, @ChannelId, @Now, @Intent)
        ON CONFLICT (codemark_id, slack_team_id, channel_id) DO UPDATE SET reserved_at = excluded.reserved_at, intent = excluded.intent
        WHERE share_reservations.reserved_at < @StaleBefore
        """;

    private const string FindReservationSql = """
        SELECT intent AS Intent, reserved_at AS ReservedAt FROM share_reservations
        WHERE codemark_id = @CodemarkId AND slack_team_id = @SlackTeamId AND channel_id = @ChannelId
        """;

    private const string ExpireReservationSql = """
        UPDATE share_reservations SET reserved_at = @StaleAt
        WHERE codemark_id = @CodemarkId AND slack_team_id = @SlackTeamId AND channel_id = @ChannelId AND intent = @Intent
        """;

    private const string ReleaseSql = """
        DELETE FROM share_reservations WHERE codemark_id = @CodemarkId AND slack_team_id = @SlackTeamId AND channel_id = @ChannelId
        """;

    public async Task<bool> TryAddShareAsync(CodemarkShare share, CancellationToken cancellationToken)
    {
        var inserted = await session.ExecuteAsync(
            InsertShareSql,
            new
            {
                ShareId = share.Identifier,
                CodemarkId = share.CodemarkId.Value,
                TeamId = share.TeamId.Value,
                SlackTeamId = share.SlackTeamId.Value,
                share.SlackTeamName,
                ChannelId = share.ChannelId.Value,
                share.ChannelName,
                Ts = share.Ts.Value,
                share.Permalink,
                SharedAt = UnixTime.ToMs(share.SharedAt),
                SharedByUserId = share.SharedByUserId.Value,
                DeletedInSlackAt = UnixTime.ToMs(share.DeletedInSlackAt),
                share.IdempotencyKey,
            },
            cancellationToken).ConfigureAwait(false);
        return inserted == 1;
    }

    public async Task<IReadOnlyList<CodemarkShare>> ListSharesAsync(CodemarkId codemarkId, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<ShareRow>(SelectSharesSql, new { CodemarkId = codemarkId.Value }, cancellationToken)
            .ConfigureAwait(false);
        return [.. rows.Select(ToShare)];
    }

    public async Task<CodemarkShare?> FindLiveShareAsync(
        CodemarkId codemarkId, SlackTeamId slackTeamId, SlackChannelId channelId, CancellationToken cancellationToken) =>
        ToShareOrNull(await session.QuerySingleOrDefaultAsync<ShareRow>(
            SelectLiveShareSql,
            new { CodemarkId = codemarkId.Value, SlackTeamId = slackTeamId.Value, ChannelId = channelId.Value },
            cancellationToken).ConfigureAwait(false));

    public async Task<CodemarkShare?> FindShareByIdempotencyKeyAsync(CodemarkId codemarkId, string idempotencyKey, CancellationToken cancellationToken) =>
        ToShareOrNull(await session.QuerySingleOrDefaultAsync<ShareRow>(
            SelectShareByKeySql, new { CodemarkId = codemarkId.Value, Key = idempotencyKey }, cancellationToken).ConfigureAwait(false));

    public Task<CodemarkShare?> FindShareByMessageAsync(
        SlackTeamId slackTeamId, SlackChannelId channelId, SlackTs ts, CancellationToken cancellationToken) =>
        threads.Shares.GetOrLoadAsync(
            (slackTeamId.Value, channelId.Value, ts.Value),
            async () => ToShareOrNull(await session.QuerySingleOrDefaultAsync<ShareRow>(
                SelectShareByMessageSql,
                new { SlackTeamId = slackTeamId.Value, ChannelId = channelId.Value, Ts = ts.Value },
                cancellationToken).ConfigureAwait(false)));

    public Task MarkShareDeletedAsync(
        SlackTeamId slackTeamId, SlackChannelId channelId, SlackTs ts, DateTimeOffset deletedAt, CancellationToken cancellationToken) =>
        threads.Shares.ChangeAsync(
            session,
            (slackTeamId.Value, channelId.Value, ts.Value),
            () => session.ExecuteAsync(
                MarkShareDeletedSql,
                new { SlackTeamId = slackTeamId.Value, ChannelId = channelId.Value, Ts = ts.Value, DeletedAt = UnixTime.ToMs(deletedAt) },
                cancellationToken));

    public Task<int> RenameChannelAsync(SlackTeamId slackTeamId, SlackChannelId channelId, string name, SlackTs renamedAt, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            RenameChannelSql,
            new { SlackTeamId = slackTeamId.Value, ChannelId = channelId.Value, Name = name, At = renamedAt.ToUnixMicroseconds() },
            cancellationToken);

    public Task EnqueueForOtherThreadsAsync(
        CodemarkId codemarkId, string? exceptShareId, Application.Common.WorkQueue.NewWorkItem work, CancellationToken cancellationToken)
    {
        var parameters = WorkQueue.WorkItemInsert.OneRow(work, UnixTime.ToMs((clock ?? TimeProvider.System).GetUtcNow()))
            .Add("CodemarkId", codemarkId.Value)
            .Add("Except", exceptShareId, System.Data.DbType.String);

        // Held (PostgreSQL): it travels with the item's lease check; the processor is woken only for a row stored.
        return session.ExecuteHeldAsync(
            EnqueueForOtherThreadsSql,
            parameters,
            cancellationToken,
            onRows: stored =>
            {
                if (stored == 1 && signal is not null)
                {
                    session.OnCommitted(() => signal.Notify(work.Lane));
                }
            });
    }

    public async Task<ShareReservation?> FindReservationAsync(
        CodemarkId codemarkId, SlackTeamId slackTeamId, SlackChannelId channelId, CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleOrDefaultAsync<ReservationRow>(
            FindReservationSql, new { CodemarkId = codemarkId.Value, SlackTeamId = slackTeamId.Value, ChannelId = channelId.Value }, cancellationToken)
            .ConfigureAwait(false);
        return row is null ? null : new ShareReservation(row.Intent, UnixTime.FromMs(row.ReservedAt));
    }

    public Task ExpireReservationAsync(
        CodemarkId codemarkId, SlackTeamId slackTeamId, SlackChannelId channelId, string intent, DateTimeOffset staleAt, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            ExpireReservationSql,
            new { CodemarkId = codemarkId.Value, SlackTeamId = slackTeamId.Value, ChannelId = channelId.Value, Intent = intent, StaleAt = UnixTime.ToMs(staleAt) },
            cancellationToken);

    public async Task<bool> TryReserveAsync(
        CodemarkId codemarkId, SlackTeamId slackTeamId, SlackChannelId channelId, DateTimeOffset now, TimeSpan staleAfter, string intent, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            ReserveSql,
            new
            {
                CodemarkId = codemarkId.Value,
                SlackTeamId = slackTeamId.Value,
                ChannelId = channelId.Value,
                Now = UnixTime.ToMs(now),
                StaleBefore = UnixTime.ToMs(now - staleAfter),
                Intent = intent,
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public Task ReleaseReservationAsync(CodemarkId codemarkId, SlackTeamId slackTeamId, SlackChannelId channelId, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            ReleaseSql, new { CodemarkId = codemarkId.Value, SlackTeamId = slackTeamId.Value, ChannelId = channelId.Value }, cancellationToken);

    private static CodemarkShare? ToShareOrNull(ShareRow? row) => row is null ? null : ToShare(row);

    private static CodemarkShare ToShare(ShareRow row) => new(
        CodemarkId.Parse(row.CodemarkId),
        TeamId.Parse(row.TeamId),
        SlackTeamId.Parse(row.SlackTeamId),
        row.SlackTeamName,
        SlackChannelId.Parse(row.ChannelId),
        row.ChannelName,
        SlackTs.Parse(row.Ts),
        row.Permalink,
        UnixTime.FromMs(row.SharedAt),
        UserId.Parse(row.SharedByUserId),
        UnixTime.FromMs(row.DeletedInSlackAt),
        row.IdempotencyKey);

    private sealed class ShareRow
    {
        public string CodemarkId { get; set; } = string.Empty;

        public string TeamId { get; set; } = string.Empty;

        public string SlackTeamId { get; set; } = string.Empty;

        public string? SlackTeamName { get; set; }

        public string ChannelId { get; set; } = string.Empty;

        public string? ChannelName { get; set; }

        public string Ts { get; set; } = string.Empty;

        public string? Permalink { get; set; }

        public long SharedAt { get; set; }

        public string SharedByUserId { get; set; } = string.Empty;

        public long? DeletedInSlackAt { get; set; }

        public string? IdempotencyKey { get; set; }
    }

    private sealed class ReservationRow
    {
        public string? Intent { get; set; }

        public long ReservedAt { get; set; }
    }
}
