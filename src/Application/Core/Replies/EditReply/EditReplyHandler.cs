using CodeStream.Integrations.Application.Core.Changes;
using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.Core.Persistence;
using MediatR;

namespace CodeStream.Integrations.Application.Core.Replies.EditReply;

internal sealed class EditReplyHandler(IReplyRepository replies, IMediator mediator, TimeProvider clock) : IRequestHandler<EditReplyCommand, ReplyDto>
{
    public async Task<ReplyDto> Handle(EditReplyCommand request, CancellationToken cancellationToken)
    {
        var reply = await ReplyLookup.GetLiveAsync(replies, request.ReplyId, cancellationToken).ConfigureAwait(false);
        var edited = reply.Edit(request.Text, clock.GetUtcNow());
        if (edited is null)
        {
            return ReplyDto.From(reply);
        }

        await replies.UpdateAsync(edited, cancellationToken).ConfigureAwait(false);
        await mediator.Publish(new ReplyChanged(edited, DiscussionChange.Edited, edited.EditedAt!.Value), cancellationToken).ConfigureAwait(false);
        return ReplyDto.From(edited);
    }
}
