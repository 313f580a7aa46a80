using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Domain.Core.Codemarks;

namespace CodeStream.Integrations.Application.Core.Codemarks.GetCodemark;

/// <summary>
/// Where a messaging module (Slack, later Microsoft Teams) copied a codemark and its replies. The core asks every
/// module and shows what they answer; it knows none of them.
/// </summary>
public interface IProviderCopies
{
    Task<CodemarkCopies> ListAsync(CodemarkId codemarkId, CancellationToken cancellationToken);
}

/// <summary>The codemark's copies, and each reply's copies by reply (post) id.</summary>
public sealed record CodemarkCopies(IReadOnlyList<SharedToDto> Codemark, ILookup<string, SharedToDto> RepliesByPostId);
