using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.MsTeams;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.Infrastructure.WorkQueue;

namespace CodeStream.Integrations.Infrastructure.MsTeams.Persistence;

internal sealed class MsTeamsShareRepository(DbSession session, WorkQueueSignal? signal = null, TimeProvider? clock = null) : IMsTeamsShareRepository
{
    private const string ShareColumns = """
        s.conversation_id AS ConversationId, s.codemark_id AS CodemarkId, s.team_id AS TeamId, s.teams_team_id AS TeamsTeamId,
        s.teams_team_name AS TeamsTeamName, s.channel_id AS ChannelId, s.root_activity_id AS RootActivityId, s.service_url AS ServiceUrl,
        s.shared_at AS SharedAt, s.shared_by_user_id AS SharedByUserId, s.deleted_at AS DeletedAt
        """;

    private const string CopyColumns = """
        c.post_id AS PostId, c.conversation_id AS ConversationId, c.activity_id AS ActivityId, c.posted_by_bot AS PostedByBot, c.created_at AS CreatedAt
        """;

    // The partial unique index keeps one live share per (codemark, channel): a racing twin is skipped.
    private const string InsertShareSql = """
        INSERT INTO msteams_shares (conversation_id, codemark_id, team_id, teams_team_id, teams_team_name, channel_id, root_activity_id,
                                    service_url, shared_at, shared_by_user_id, deleted_at)
        VALUES (@ConversationId, @CodemarkId, @TeamId, @TeamsTeamId, @TeamsTeamName, @ChannelId, @RootActivityId, @ServiceUrl, @SharedAt, @SharedByUserId, NULL)
        ON CONFLICT DO NOTHING
        """;

    private const string ListSharesSql = $"SELECT {ShareColumns} FROM msteams_shares s WHERE s.codemark_id = @CodemarkId ORDER BY s.shared_at";

    private const string FindLiveSql = $"""
        SELECT {ShareColumns} FROM msteams_shares s WHERE s.codemark_id = @CodemarkId AND s.channel_id = @ChannelId AND s.deleted_at IS NULL
        """;

    private const string FindByThreadSql = $"SELECT {ShareColumns} FROM msteams_shares s WHERE s.conversation_id = @ConversationId";

    private const string MarkDeletedSql = "UPDATE msteams_shares SET deleted_at = @At WHERE conversation_id = @ConversationId AND deleted_at IS NULL";

    private const string InsertCopySql = """
        INSERT INTO msteams_message_copies (conversation_id, activity_id, post_id, posted_by_bot, created_at)
        VALUES (@ConversationId, @ActivityId, @PostId, @PostedByBot, @CreatedAt)
        ON CONFLICT DO NOTHING
        """;

    private const string MarkEditedSql = """
        UPDATE msteams_message_copies SET last_edit_us = @EditUs
        WHERE conversation_id = @ConversationId AND activity_id = @ActivityId AND (last_edit_us IS NULL OR last_edit_us < @EditUs)
        """;

    private const string FindCopySql = $"SELECT {CopyColumns} FROM msteams_message_copies c WHERE c.conversation_id = @ConversationId AND c.activity_id = @ActivityId";

    private const string CopiesOfPostSql = $"SELECT {CopyColumns} FROM msteams_message_copies c WHERE c.post_id = @PostId";

    private const string CopiesOfCodemarkSql = $"""
        SELECT {CopyColumns} FROM msteams_message_copies c JOIN posts p ON p.id = c.post_id WHERE p.codemark_id = @CodemarkId ORDER BY c.created_at
        """;

    private static readonly string EnqueueIfSharedSql = WorkItemInsert.SqlWhen(
        "EXISTS (SELECT 1 FROM msteams_shares WHERE codemark_id = @CodemarkId AND deleted_at IS NULL)");

    public async Task<bool> TryAddShareAsync(MsTeamsShare share, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            InsertShareSql,
            new
            {
                share.ConversationId,
                CodemarkId = share.CodemarkId.Value,
                TeamId = share.TeamId.Value,
                share.TeamsTeamId,
                share.TeamsTeamName,
                share.ChannelId,
                share.RootActivityId,
                share.ServiceUrl,
                SharedAt = UnixTime.ToMs(share.SharedAt),
                SharedByUserId = share.SharedByUserId.Value,
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public async Task<IReadOnlyList<MsTeamsShare>> ListSharesAsync(CodemarkId codemarkId, CancellationToken cancellationToken) =>
        [.. (await session.QueryAsync<ShareRow>(ListSharesSql, new { CodemarkId = codemarkId.Value }, cancellationToken).ConfigureAwait(false)).Select(ToShare)];

    public async Task<MsTeamsShare?> FindLiveShareAsync(CodemarkId codemarkId, string channelId, CancellationToken cancellationToken) =>
        ToShareOrNull(await session.QuerySingleOrDefaultAsync<ShareRow>(
            FindLiveSql, new { CodemarkId = codemarkId.Value, ChannelId = channelId }, cancellationToken).ConfigureAwait(false));

    public async Task<MsTeamsShare?> FindShareByThreadAsync(string conversationId, CancellationToken cancellationToken) =>
        ToShareOrNull(await session.QuerySingleOrDefaultAsync<ShareRow>(FindByThreadSql, new { ConversationId = conversationId }, cancellationToken).ConfigureAwait(false));

    public Task MarkShareDeletedAsync(string conversationId, DateTimeOffset at, CancellationToken cancellationToken) =>
        session.ExecuteAsync(MarkDeletedSql, new { ConversationId = conversationId, At = UnixTime.ToMs(at) }, cancellationToken);

    public async Task<bool> TryAddMessageCopyAsync(MsTeamsMessageCopy copy, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            InsertCopySql,
            new
            {
                copy.ConversationId,
                copy.ActivityId,
                PostId = copy.PostId.Value,
                PostedByBot = copy.PostedByBot ? 1 : 0,
                CreatedAt = UnixTime.ToMs(copy.CreatedAt),
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public async Task<bool> TryMarkEditedAsync(MsTeamsMessageCopy message, DateTimeOffset at, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            MarkEditedSql,
            new { message.ConversationId, message.ActivityId, EditUs = UnixTime.ToMicroseconds(at) },
            cancellationToken).ConfigureAwait(false) == 1;

    public async Task<MsTeamsMessageCopy?> FindMessageCopyAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleOrDefaultAsync<CopyRow>(
            FindCopySql, new { ConversationId = conversationId, ActivityId = activityId }, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToCopy(row);
    }

    public async Task<IReadOnlyList<MsTeamsMessageCopy>> ListMessageCopiesOfPostAsync(PostId postId, CancellationToken cancellationToken) =>
        [.. (await session.QueryAsync<CopyRow>(CopiesOfPostSql, new { PostId = postId.Value }, cancellationToken).ConfigureAwait(false)).Select(ToCopy)];

    public async Task<IReadOnlyList<MsTeamsMessageCopy>> ListMessageCopiesAsync(CodemarkId codemarkId, CancellationToken cancellationToken) =>
        [.. (await session.QueryAsync<CopyRow>(CopiesOfCodemarkSql, new { CodemarkId = codemarkId.Value }, cancellationToken).ConfigureAwait(false)).Select(ToCopy)];

    public async Task<bool> EnqueueIfSharedAsync(CodemarkId codemarkId, NewWorkItem work, CancellationToken cancellationToken)
    {
        var parameters = WorkItemInsert.OneRow(work, UnixTime.ToMs((clock ?? TimeProvider.System).GetUtcNow())).Add("CodemarkId", codemarkId.Value);
        var stored = await session.ExecuteAsync(EnqueueIfSharedSql, parameters, cancellationToken).ConfigureAwait(false) == 1;
        if (stored && signal is not null)
        {
            session.OnCommitted(() => signal.Notify(work.Lane));
        }

        return stored;
    }

    private static MsTeamsShare? ToShareOrNull(ShareRow? row) => row is null ? null : ToShare(row);

    private static MsTeamsShare ToShare(ShareRow row) => new(
        CodemarkId.Parse(row.CodemarkId),
        TeamId.Parse(row.TeamId),
        row.TeamsTeamId,
        row.TeamsTeamName,
        row.ChannelId,
        row.ConversationId,
        row.RootActivityId,
        row.ServiceUrl,
        UnixTime.FromMs(row.SharedAt),
        UserId.Parse(row.SharedByUserId),
        UnixTime.FromMs(row.DeletedAt));

    private static MsTeamsMessageCopy ToCopy(CopyRow row) =>
        new(PostId.Parse(row.PostId), row.ConversationId, row.ActivityId, row.PostedByBot != 0, UnixTime.FromMs(row.CreatedAt));

    private sealed class ShareRow
    {
        public string ConversationId { get; set; } = string.Empty;

        public string CodemarkId { get; set; } = string.Empty;

        public string TeamId { get; set; } = string.Empty;

        public string TeamsTeamId { get; set; } = string.Empty;

        public string? TeamsTeamName { get; set; }

        public string ChannelId { get; set; } = string.Empty;

        public string RootActivityId { get; set; } = string.Empty;

        public string ServiceUrl { get; set; } = string.Empty;

        public long SharedAt { get; set; }

        public string SharedByUserId { get; set; } = string.Empty;

        public long? DeletedAt { get; set; }
    }

    private sealed class CopyRow
    {
        public string PostId { get; set; } = string.Empty;

        public string ConversationId { get; set; } = string.Empty;

        public string ActivityId { get; set; } = string.Empty;

        public long PostedByBot { get; set; }

        public long CreatedAt { get; set; }
    }
}
