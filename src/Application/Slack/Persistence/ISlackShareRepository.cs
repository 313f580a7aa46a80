using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Application.Slack.Persistence;

/// <summary>Where codemarks and replies live in Slack. The database keeps each Slack message to one record.</summary>
public interface ISlackShareRepository
{
    /// <summary>Records the share; <c>false</c> when that Slack message is already recorded.</summary>
    Task<bool> TryAddShareAsync(CodemarkShare share, CancellationToken cancellationToken);

    Task<IReadOnlyList<CodemarkShare>> ListSharesAsync(CodemarkId codemarkId, CancellationToken cancellationToken);

    /// <summary>The share of this codemark into this conversation that still stands in Slack, if any.</summary>
    Task<CodemarkShare?> FindLiveShareAsync(CodemarkId codemarkId, SlackTeamId slackTeamId, SlackChannelId channelId, CancellationToken cancellationToken);

    Task<CodemarkShare?> FindShareByIdempotencyKeyAsync(CodemarkId codemarkId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The share whose root message this is (a thread in Slack belongs to it).</summary>
    Task<CodemarkShare?> FindShareByMessageAsync(SlackTeamId slackTeamId, SlackChannelId channelId, SlackTs ts, CancellationToken cancellationToken);

    Task MarkShareDeletedAsync(SlackTeamId slackTeamId, SlackChannelId channelId, SlackTs ts, DateTimeOffset deletedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="work"/> only if the codemark has a live thread other than <paramref name="exceptShareId"/>
    /// (one statement: whether there is anything to copy to is decided where the work is stored). It is stored with the
    /// unit of work, which then wakes the processor.
    /// </summary>
    Task EnqueueForOtherThreadsAsync(CodemarkId codemarkId, string? exceptShareId, Application.Common.WorkQueue.NewWorkItem work, CancellationToken cancellationToken);

    /// <summary>
    /// Reserves the right to post this codemark into this conversation; <c>false</c> while another request holds a
    /// reservation younger than <paramref name="staleAfter"/>. A stale reservation (a crashed request) is taken over.
    /// </summary>
    Task<bool> TryReserveAsync(
        CodemarkId codemarkId, SlackTeamId slackTeamId, SlackChannelId channelId, DateTimeOffset now, TimeSpan staleAfter, string intent, CancellationToken cancellationToken);

    /// <summary>The reservation held for this conversation, if any: its intent and when it was taken.</summary>
    Task<ShareReservation?> FindReservationAsync(CodemarkId codemarkId, SlackTeamId slackTeamId, SlackChannelId channelId, CancellationToken cancellationToken);

    /// <summary>
    /// The post of <paramref name="intent"/> may or may not have reached Slack: the reservation stays (with its intent)
    /// but dated <paramref name="staleAt"/> (stale at once), so the next request takes it over and looks for the card
    /// posted since before posting.
    /// </summary>
    Task ExpireReservationAsync(
        CodemarkId codemarkId, SlackTeamId slackTeamId, SlackChannelId channelId, string intent, DateTimeOffset staleAt, CancellationToken cancellationToken);

    Task ReleaseReservationAsync(CodemarkId codemarkId, SlackTeamId slackTeamId, SlackChannelId channelId, CancellationToken cancellationToken);

    /// <summary>Records a reply's Slack message; <c>false</c> when that Slack message is already recorded.</summary>
    Task<bool> TryAddMessageCopyAsync(SlackMessageCopy copy, CancellationToken cancellationToken);

    /// <summary>
    /// Records a reply's Slack message inside a unit of work, which fails with <see cref="DuplicateSlackMessageException"/>
    /// when that Slack message is already recorded: at once, or when it commits (a database that sends the write with
    /// the commit learns of the twin only then). Either way nothing of the unit of work is stored.
    /// </summary>
    Task AddMessageCopyAsync(SlackMessageCopy copy, CancellationToken cancellationToken);

    Task<IReadOnlyList<SlackMessageCopy>> ListMessageCopiesAsync(CodemarkId codemarkId, CancellationToken cancellationToken);

    Task<SlackMessageCopy?> FindMessageCopyAsync(SlackTeamId slackTeamId, SlackChannelId channelId, SlackTs ts, CancellationToken cancellationToken);

    Task<IReadOnlyList<SlackMessageCopy>> ListMessageCopiesOfPostAsync(PostId postId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the Slack edit <paramref name="editedTs"/> as applied to the message; <c>false</c> (nothing changes) when
    /// an edit as recent or more recent was applied already.
    /// </summary>
    Task<bool> TryMarkEditedAsync(SlackMessageCopy message, SlackTs editedTs, CancellationToken cancellationToken);

    /// <summary>
    /// The channel is called <paramref name="name"/> since <paramref name="renamedAt"/>: every share into it whose name
    /// is older says so. Returns how many changed (0 for a late, older rename).
    /// </summary>
    Task<int> RenameChannelAsync(SlackTeamId slackTeamId, SlackChannelId channelId, string name, SlackTs renamedAt, CancellationToken cancellationToken);
}

/// <summary>A reservation to share into a conversation: the intent its card carries, and when it was taken.</summary>
public sealed record ShareReservation(string? Intent, DateTimeOffset ReservedAt);
