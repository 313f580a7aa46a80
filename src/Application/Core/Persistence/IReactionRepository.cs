using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Users;

namespace CodeStream.Integrations.Application.Core.Persistence;

/// <summary>Reactions on a codemark (its post) and on replies: one per (post, emoji, person).</summary>
public interface IReactionRepository
{
    /// <summary>
    /// Adds (<paramref name="present"/>) or removes the reaction as of <paramref name="at"/>; <c>false</c>, and nothing
    /// changes, when a change as recent or more recent was recorded (a redelivery, or an older change arriving late).
    /// </summary>
    Task<bool> SetAsync(PostId postId, string emoji, UserId userId, bool present, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The reactions present on the codemark's post and its replies, oldest first.</summary>
    Task<IReadOnlyList<PostReaction>> ListForCodemarkAsync(Codemark codemark, CancellationToken cancellationToken);
}

/// <summary>Someone's reaction on a post.</summary>
public sealed record PostReaction(PostId PostId, string Emoji, UserId UserId);
