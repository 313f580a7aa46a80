using CodeStream.Integrations.Domain.Core.Codemarks;

namespace CodeStream.Integrations.Application.Core.Persistence;

public interface ICodemarkRepository
{
    /// <summary>Stores the codemark, its markers and its top-level post.</summary>
    Task AddAsync(Codemark codemark, CancellationToken cancellationToken);

    Task<Codemark?> GetAsync(CodemarkId id, CancellationToken cancellationToken);

    /// <summary>
    /// The codemark a reply from a messaging tool is added to, read through a cache kept for a few seconds: every reply
    /// in a busy thread needs it. This host's own edits and deletions are seen at once, another host's within that time
    /// (as with shared threads). For anything that changes the codemark, use <see cref="GetAsync"/>.
    /// </summary>
    Task<Codemark?> GetForReplyAsync(CodemarkId id, CancellationToken cancellationToken);

    /// <summary>Saves title, text and the edited/deleted times.</summary>
    Task UpdateAsync(Codemark codemark, CancellationToken cancellationToken);
}
