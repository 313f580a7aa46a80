using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.Core.Persistence;

internal sealed class UserMergeRepository(DbSession session) : IUserMergeRepository
{
    // Statement by statement inside the caller's transaction; mentions of both users on one post collapse into one,
    // and of two reactions with the same emoji on one post the later change survives.
    private const string MergeSql = """
        UPDATE posts SET creator_id = @Real WHERE creator_id = @Faux;
        UPDATE codemarks SET creator_id = @Real WHERE creator_id = @Faux;
        DELETE FROM post_mentions WHERE user_id = @Faux AND post_id IN (SELECT post_id FROM post_mentions WHERE user_id = @Real);
        UPDATE post_mentions SET user_id = @Real WHERE user_id = @Faux;
        DELETE FROM post_reactions WHERE user_id = @Faux AND EXISTS (
            SELECT 1 FROM post_reactions r WHERE r.user_id = @Real AND r.post_id = post_reactions.post_id AND r.emoji = post_reactions.emoji
              AND r.changed_at >= post_reactions.changed_at);
        DELETE FROM post_reactions WHERE user_id = @Real AND EXISTS (
            SELECT 1 FROM post_reactions f WHERE f.user_id = @Faux AND f.post_id = post_reactions.post_id AND f.emoji = post_reactions.emoji);
        UPDATE post_reactions SET user_id = @Real WHERE user_id = @Faux;
        DELETE FROM users WHERE id = @Faux AND external_user_id IS NOT NULL;
        """;

    public Task MergeAsync(UserId fauxUserId, UserId realUserId, CancellationToken cancellationToken) =>
        session.ExecuteAsync(MergeSql, new { Faux = fauxUserId.Value, Real = realUserId.Value }, cancellationToken);
}
