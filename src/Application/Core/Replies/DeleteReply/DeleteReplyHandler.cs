using CodeStream.Integrations.Application.Core.Changes;
using CodeStream.Integrations.Application.Core.Persistence;
using MediatR;

namespace CodeStream.Integrations.Application.Core.Replies.DeleteReply;

internal sealed class DeleteReplyHandler(IReplyRepository replies, IMediator mediator, TimeProvider clock) : IRequestHandler<DeleteReplyCommand, Unit>
{
    public async Task<Unit> Handle(DeleteReplyCommand request, CancellationToken cancellationToken)
    {
        var reply = await ReplyLookup.GetLiveAsync(replies, request.ReplyId, cancellationToken).ConfigureAwait(false);
        var deleted = reply.Delete(clock.GetUtcNow());
        await replies.UpdateAsync(deleted, cancellationToken).ConfigureAwait(false);
        await mediator.Publish(new ReplyChanged(deleted, DiscussionChange.Deleted, deleted.DeletedAt!.Value), cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
