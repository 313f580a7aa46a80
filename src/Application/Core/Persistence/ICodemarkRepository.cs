using CodeStream.Integrations.Domain.Core.Codemarks;

namespace CodeStream.Integrations.Application.Core.Persistence;

public interface ICodemarkRepository
{
    /// <summary>Stores the codemark, its markers and its top-level post.</summary>
    Task AddAsync(Codemark codemark, CancellationToken cancellationToken);

    Task<Codemark?> GetAsync(CodemarkId id, CancellationToken cancellationToken);

    /// <summary>Saves title, text and the edited/deleted times.</summary>
    Task UpdateAsync(Codemark codemark, CancellationToken cancellationToken);
}
