using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Slack.Sharing;
using MediatR;

namespace CodeStream.Integrations.Application.Replies.DeleteReply;

internal sealed class DeleteReplyHandler(IReplyRepository replies, ISlackSyncOutbox outbox, TimeProvider clock) : IRequestHandler<DeleteReplyCommand, Unit>
{
    public async Task<Unit> Handle(DeleteReplyCommand request, CancellationToken cancellationToken)
    {
        var reply = await ReplyLookup.GetLiveAsync(replies, request.ReplyId, cancellationToken).ConfigureAwait(false);
        var deleted = reply.Delete(clock.GetUtcNow());
        await replies.UpdateAsync(deleted, cancellationToken).ConfigureAwait(false);
        await outbox.ReplyChangedAsync(deleted, SlackSync.SyncReplyToSlack.SyncReplyToSlackCommand.Deleted, deleted.DeletedAt!.Value, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
