using System.Text.Json;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.Core.Persistence;

internal sealed class ReplyRepository(DbSession session) : IReplyRepository
{
    private const string Columns = """
        p.id AS Id, p.team_id AS TeamId, p.codemark_id AS CodemarkId, p.parent_post_id AS ParentPostId, p.creator_id AS CreatorId,
        p.text AS Text, p.origin AS Origin, p.files_json AS FilesJson, p.created_at AS CreatedAt, p.edited_at AS EditedAt,
        p.deleted_at AS DeletedAt
        """;

    private const string InsertSql = """
        INSERT INTO posts (id, team_id, codemark_id, parent_post_id, creator_id, text, origin, files_json, created_at, edited_at, deleted_at)
        VALUES (@Id, @TeamId, @CodemarkId, @ParentPostId, @CreatorId, @Text, @Origin, @FilesJson, @CreatedAt, NULL, NULL)
        """;

    private const string InsertMentionSql = """
        INSERT INTO post_mentions (post_id, user_id) VALUES (@PostId, @UserId) ON CONFLICT DO NOTHING
        """;

    private const string DeleteMentionsSql = "DELETE FROM post_mentions WHERE post_id = @PostId";

    private const string UpdateSql = """
        UPDATE posts SET text = @Text, edited_at = @EditedAt, deleted_at = @DeletedAt WHERE id = @Id
        """;

    // An edit never brings back a reply deleted meanwhile (by a delete that committed after the edit read the reply).
    private const string EditLiveSql = "UPDATE posts SET text = @Text, edited_at = @EditedAt WHERE id = @Id AND deleted_at IS NULL";

    private const string SelectByIdSql = $"SELECT {Columns} FROM posts p WHERE p.id = @Id";

    private const string SelectByCodemarkSql = $"SELECT {Columns} FROM posts p WHERE p.codemark_id = @CodemarkId ORDER BY p.created_at, p.id";

    private const string SelectMentionsOfPostSql = "SELECT post_id AS PostId, user_id AS UserId FROM post_mentions WHERE post_id = @PostId";

    private const string SelectMentionsOfCodemarkSql = """
        SELECT m.post_id AS PostId, m.user_id AS UserId
        FROM post_mentions m JOIN posts p ON p.id = m.post_id
        WHERE p.codemark_id = @CodemarkId
        """;

    public async Task AddAsync(Post reply, CancellationToken cancellationToken)
    {
        // Held (PostgreSQL): the row and its mentions travel with the transaction's next statement.
        await session.ExecuteHeldAsync(
            InsertSql,
            new
            {
                Id = reply.Id.Value,
                TeamId = reply.TeamId.Value,
                CodemarkId = reply.CodemarkId.Value,
                ParentPostId = reply.ParentPostId.Value,
                CreatorId = reply.CreatorId.Value,
                reply.Text,
                Origin = reply.Origin.ToString(),
                FilesJson = reply.Files.Count == 0 ? null : JsonSerializer.Serialize(reply.Files),
                CreatedAt = UnixTime.ToMs(reply.CreatedAt),
            },
            cancellationToken).ConfigureAwait(false);
        await InsertMentionsAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Post?> GetAsync(PostId id, CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleOrDefaultAsync<PostRow>(SelectByIdSql, new { Id = id.Value }, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var mentions = await session.QueryAsync<MentionRow>(SelectMentionsOfPostSql, new { PostId = id.Value }, cancellationToken)
            .ConfigureAwait(false);
        return ToPost(row, mentions);
    }

    public async Task UpdateAsync(Post reply, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            UpdateSql,
            new { Id = reply.Id.Value, reply.Text, EditedAt = UnixTime.ToMs(reply.EditedAt), DeletedAt = UnixTime.ToMs(reply.DeletedAt) },
            cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(DeleteMentionsSql, new { PostId = reply.Id.Value }, cancellationToken).ConfigureAwait(false);
        await InsertMentionsAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryEditAsync(Post edited, CancellationToken cancellationToken)
    {
        if (await session.ExecuteAsync(EditLiveSql, new { Id = edited.Id.Value, edited.Text, EditedAt = UnixTime.ToMs(edited.EditedAt) }, cancellationToken).ConfigureAwait(false) == 0)
        {
            return false;
        }

        await session.ExecuteAsync(DeleteMentionsSql, new { PostId = edited.Id.Value }, cancellationToken).ConfigureAwait(false);
        await InsertMentionsAsync(edited, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<Post>> ListByCodemarkAsync(CodemarkId codemarkId, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<PostRow>(SelectByCodemarkSql, new { CodemarkId = codemarkId.Value }, cancellationToken)
            .ConfigureAwait(false);
        var mentions = await session.QueryAsync<MentionRow>(SelectMentionsOfCodemarkSql, new { CodemarkId = codemarkId.Value }, cancellationToken)
            .ConfigureAwait(false);
        var mentionsByPost = mentions.ToLookup(m => m.PostId);
        return [.. rows.Select(row => ToPost(row, mentionsByPost[row.Id]))];
    }

    private async Task InsertMentionsAsync(Post reply, CancellationToken cancellationToken)
    {
        if (reply.MentionedUserIds.Count == 0)
        {
            return;
        }

        var rows = reply.MentionedUserIds.Distinct().Select(userId => new { PostId = reply.Id.Value, UserId = userId.Value });
        await session.ExecuteHeldAsync(InsertMentionSql, rows, cancellationToken).ConfigureAwait(false);
    }

    private static Post ToPost(PostRow row, IEnumerable<MentionRow> mentions) => new(
        PostId.Parse(row.Id),
        TeamId.Parse(row.TeamId),
        CodemarkId.Parse(row.CodemarkId),
        PostId.Parse(row.ParentPostId),
        UserId.Parse(row.CreatorId),
        row.Text,
        PostOrigin.Parse(row.Origin),
        UnixTime.FromMs(row.CreatedAt),
        UnixTime.FromMs(row.EditedAt),
        UnixTime.FromMs(row.DeletedAt),
        [.. mentions.Select(m => UserId.Parse(m.UserId))],
        row.FilesJson is null ? [] : JsonSerializer.Deserialize<List<FileReference>>(row.FilesJson) ?? []);

    private sealed class PostRow
    {
        public string Id { get; set; } = string.Empty;

        public string TeamId { get; set; } = string.Empty;

        public string CodemarkId { get; set; } = string.Empty;

        public string ParentPostId { get; set; } = string.Empty;

        public string CreatorId { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;

        public string Origin { get; set; } = string.Empty;

        public string? FilesJson { get; set; }

        public long CreatedAt { get; set; }

        public long? EditedAt { get; set; }

        public long? DeletedAt { get; set; }
    }

    private sealed class MentionRow
    {
        public string PostId { get; set; } = string.Empty;

        public string UserId { get; set; } = string.Empty;
    }
}
