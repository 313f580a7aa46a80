using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;

namespace CodeStream.Integrations.Application.Core.Persistence;

public interface IReplyRepository
{
    Task AddAsync(Post reply, CancellationToken cancellationToken);

    Task<Post?> GetAsync(PostId id, CancellationToken cancellationToken);

    /// <summary>Saves text, mentions and the edited/deleted times.</summary>
    Task UpdateAsync(Post reply, CancellationToken cancellationToken);

    /// <summary>Saves an edit's text, mentions and time; <c>false</c>, and nothing changes, when the reply was deleted meanwhile.</summary>
    Task<bool> TryEditAsync(Post edited, CancellationToken cancellationToken);

    /// <summary>The codemark's replies, oldest first, deleted ones included.</summary>
    Task<IReadOnlyList<Post>> ListByCodemarkAsync(CodemarkId codemarkId, CancellationToken cancellationToken);
}
