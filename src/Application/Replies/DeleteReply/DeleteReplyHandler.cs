using CodeStream.Integrations.Application.Common.Persistence;
using MediatR;

namespace CodeStream.Integrations.Application.Replies.DeleteReply;

internal sealed class DeleteReplyHandler(IReplyRepository replies, TimeProvider clock) : IRequestHandler<DeleteReplyCommand, Unit>
{
    public async Task<Unit> Handle(DeleteReplyCommand request, CancellationToken cancellationToken)
    {
        var reply = await ReplyLookup.GetLiveAsync(replies, request.ReplyId, cancellationToken).ConfigureAwait(false);
        await replies.UpdateAsync(reply.Delete(clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
