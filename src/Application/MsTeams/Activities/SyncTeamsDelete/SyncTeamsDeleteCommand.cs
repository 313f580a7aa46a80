using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Core.Changes;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Activities.SyncTeamsDelete;

/// <summary>
/// A <c>messageDelete</c>: the reply a member's message became is soft-deleted (its copies follow); deleting a shared
/// card ends the share (the codemark stays); a bot copy deleted in Teams changes nothing.
/// </summary>
public sealed record SyncTeamsDeleteCommand(TeamsActivity Activity, int Attempt = 1) : ICommand<WorkOutcome>;

internal sealed class SyncTeamsDeleteHandler(IMsTeamsShareRepository shares, IReplyRepository replies, IMediator mediator, TimeProvider clock)
    : IRequestHandler<SyncTeamsDeleteCommand, WorkOutcome>
{
    private const int AttemptsToWaitForCreation = 3;

    public async Task<WorkOutcome> Handle(SyncTeamsDeleteCommand request, CancellationToken cancellationToken)
    {
        var a = request.Activity;
        if (a.Id is not { Length: > 0 } activityId || a.ConversationId is not { Length: > 0 } conversationId)
        {
            return WorkOutcome.Ignored("malformed-message");
        }

        var share = await shares.FindShareByThreadAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (share is not null && share.RootActivityId == activityId)
        {
            await shares.MarkShareDeletedAsync(conversationId, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return WorkOutcome.Done($"share of {share.CodemarkId} deleted in Teams");
        }

        var copy = await shares.FindMessageCopyAsync(conversationId, activityId, cancellationToken).ConfigureAwait(false);
        if (copy is null)
        {
            // The delete may have overtaken its message's creation (items run side by side): wait for it a little.
            return share is not null && request.Attempt < AttemptsToWaitForCreation
                ? WorkOutcome.Retry("reply-not-yet-synced", TimeSpan.FromSeconds(1))
                : WorkOutcome.Ignored("not-a-synced-reply");
        }

        if (copy.PostedByBot)
        {
            return WorkOutcome.Ignored("own-copy-deleted-in-teams");
        }

        var reply = await replies.GetAsync(copy.PostId, cancellationToken).ConfigureAwait(false);
        if (reply is null || reply.IsDeleted)
        {
            return WorkOutcome.Ignored("already-deleted");
        }

        var deleted = reply.Delete(clock.GetUtcNow());
        await replies.UpdateAsync(deleted, cancellationToken).ConfigureAwait(false);
        await mediator.Publish(new ReplyChanged(deleted, DiscussionChange.Deleted, deleted.DeletedAt!.Value), cancellationToken).ConfigureAwait(false);
        return WorkOutcome.Done(reply.Id.Value);
    }
}
