using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Core.Changes;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.SyncSlackDelete;

/// <summary>
/// docs/slack-behaviour.md, “Thread events”, "Delete": the reply synced from <c>previous_message.ts</c> is soft-deleted. Deleting the thread root
/// marks the share deleted in Slack (the codemark stays). Our own copies deleted in Slack are left as they are.
/// </summary>
internal sealed class SyncSlackDeleteHandler(ISlackShareRepository shares, IReplyRepository replies, IMediator mediator, TimeProvider clock)
    : IRequestHandler<SyncSlackDeleteCommand, WorkOutcome>
{
    public async Task<WorkOutcome> Handle(SyncSlackDeleteCommand request, CancellationToken cancellationToken)
    {
        var deletedTs = request.Event.DeletedTs ?? request.Event.PreviousMessage?.Ts;
        if (!SlackTeamId.TryParse(request.SlackTeamId, out var slackTeamId)
            || !SlackChannelId.TryParse(request.Event.Channel, out var channelId)
            || !SlackTs.TryParse(deletedTs, out var ts))
        {
            return WorkOutcome.Ignored("malformed-message");
        }

        if (await shares.FindShareByMessageAsync(slackTeamId, channelId, ts, cancellationToken).ConfigureAwait(false) is { } share)
        {
            await shares.MarkShareDeletedAsync(slackTeamId, channelId, ts, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return WorkOutcome.Done($"share of {share.CodemarkId} deleted in Slack");
        }

        var copy = await shares.FindMessageCopyAsync(slackTeamId, channelId, ts, cancellationToken).ConfigureAwait(false);
        if (copy is null)
        {
            return WorkOutcome.Ignored("not-a-synced-reply");
        }

        if (copy.PostedByBot)
        {
            return WorkOutcome.Ignored("own-copy-deleted-in-slack");
        }

        var reply = await replies.GetAsync(copy.PostId, cancellationToken).ConfigureAwait(false);
        if (reply is null || reply.IsDeleted)
        {
            return WorkOutcome.Ignored("already-deleted");
        }

        if (reply.Origin != SlackPostOrigin.Value)
        {
            return WorkOutcome.Ignored("own-copy-deleted-in-slack");
        }

        // Like an edit from Slack: the change and what follows from it (the outbox) commit together.
        var deleted = reply.Delete(clock.GetUtcNow());
        await replies.UpdateAsync(deleted, cancellationToken).ConfigureAwait(false);
        await mediator.Publish(new ReplyChanged(deleted, DiscussionChange.Deleted, deleted.DeletedAt!.Value), cancellationToken).ConfigureAwait(false);
        return WorkOutcome.Done(reply.Id.Value);
    }
}
