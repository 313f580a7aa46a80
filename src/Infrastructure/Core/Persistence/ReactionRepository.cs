using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.Core.Persistence;

internal sealed class ReactionRepository(DbSession session) : IReactionRepository
{
    // One statement decides: a first change inserts; a later change overwrites; an older or equal one changes nothing.
    private const string SetSql = """
        INSERT INTO post_reactions (post_id, emoji, user_id, present, changed_at) VALUES (@PostId, @Emoji, @UserId, @Present, @ChangedAt)
        ON CONFLICT (post_id, emoji, user_id) DO UPDATE SET present = excluded.present, changed_at = excluded.changed_at
        WHERE post_reactions.changed_at < excluded.changed_at
        """;

    private const string ListSql = """
        SELECT r.post_id AS PostId, r.emoji AS Emoji, r.user_id AS UserId FROM post_reactions r
        WHERE r.present = 1 AND (r.post_id = @CodemarkPostId OR r.post_id IN (SELECT p.id FROM posts p WHERE p.codemark_id = @CodemarkId))
        ORDER BY r.changed_at, r.emoji, r.user_id
        """;

    public async Task<bool> SetAsync(PostId postId, string emoji, UserId userId, bool present, DateTimeOffset at, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            SetSql,
            new { PostId = postId.Value, Emoji = emoji, UserId = userId.Value, Present = present ? 1 : 0, ChangedAt = UnixTime.ToMicroseconds(at) },
            cancellationToken).ConfigureAwait(false) == 1;

    public async Task<IReadOnlyList<PostReaction>> ListForCodemarkAsync(Codemark codemark, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<ReactionRow>(
            ListSql, new { CodemarkPostId = codemark.PostId.Value, CodemarkId = codemark.Id.Value }, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new PostReaction(PostId.Parse(r.PostId), r.Emoji, UserId.Parse(r.UserId)))];
    }

    private sealed class ReactionRow
    {
        public string PostId { get; set; } = string.Empty;

        public string Emoji { get; set; } = string.Empty;

        public string UserId { get; set; } = string.Empty;
    }
}
