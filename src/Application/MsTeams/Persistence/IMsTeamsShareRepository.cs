using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.MsTeams;

namespace CodeStream.Integrations.Application.MsTeams.Persistence;

/// <summary>Where codemarks and replies live in Teams. The database keeps one record per Teams message.</summary>
public interface IMsTeamsShareRepository
{
    /// <summary>Records the share; <c>false</c> when the codemark already has a live share in that channel.</summary>
    Task<bool> TryAddShareAsync(MsTeamsShare share, CancellationToken cancellationToken);

    Task<IReadOnlyList<MsTeamsShare>> ListSharesAsync(CodemarkId codemarkId, CancellationToken cancellationToken);

    Task<MsTeamsShare?> FindLiveShareAsync(CodemarkId codemarkId, string channelId, CancellationToken cancellationToken);

    /// <summary>The share whose thread this is (<c>{channel};messageid={root}</c>).</summary>
    Task<MsTeamsShare?> FindShareByThreadAsync(string conversationId, CancellationToken cancellationToken);

    Task MarkShareDeletedAsync(string conversationId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records a reply's Teams message; <c>false</c> when that message is already recorded.</summary>
    Task<bool> TryAddMessageCopyAsync(MsTeamsMessageCopy copy, CancellationToken cancellationToken);

    /// <summary>Marks a member's message edited as of <paramref name="at"/>; <c>false</c> when an edit as recent or newer was applied.</summary>
    Task<bool> TryMarkEditedAsync(MsTeamsMessageCopy message, DateTimeOffset at, CancellationToken cancellationToken);

    Task<MsTeamsMessageCopy?> FindMessageCopyAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    Task<IReadOnlyList<MsTeamsMessageCopy>> ListMessageCopiesOfPostAsync(PostId postId, CancellationToken cancellationToken);

    Task<IReadOnlyList<MsTeamsMessageCopy>> ListMessageCopiesAsync(CodemarkId codemarkId, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="work"/> only if the codemark has a live Teams thread (decided where it is stored).</summary>
    Task<bool> EnqueueIfSharedAsync(CodemarkId codemarkId, NewWorkItem work, CancellationToken cancellationToken);
}
