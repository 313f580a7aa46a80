using CodeStream.Integrations.Domain.Codemarks;
using CodeStream.Integrations.Domain.Posts;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Application.Common.Persistence;

/// <summary>Where codemarks and replies live in Slack. The database keeps each Slack message to one record.</summary>
public interface ISlackShareRepository
{
    /// <summary>Records the share; <c>false</c> when that Slack message is already recorded.</summary>
    Task<bool> TryAddShareAsync(CodemarkShare share, CancellationToken cancellationToken);

    Task<IReadOnlyList<CodemarkShare>> ListSharesAsync(CodemarkId codemarkId, CancellationToken cancellationToken);

    /// <summary>Records a reply's Slack message; <c>false</c> when that Slack message is already recorded.</summary>
    Task<bool> TryAddMessageCopyAsync(SlackMessageCopy copy, CancellationToken cancellationToken);

    Task<IReadOnlyList<SlackMessageCopy>> ListMessageCopiesAsync(CodemarkId codemarkId, CancellationToken cancellationToken);

    Task<SlackMessageCopy?> FindMessageCopyAsync(SlackTeamId slackTeamId, SlackChannelId channelId, SlackTs ts, CancellationToken cancellationToken);

    Task<IReadOnlyList<SlackMessageCopy>> ListMessageCopiesOfPostAsync(PostId postId, CancellationToken cancellationToken);
}
