using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Common.Models;
using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Domain.Posts;
using CodeStream.Integrations.Application.Slack.Sharing;
using MediatR;

namespace CodeStream.Integrations.Application.Replies.EditReply;

internal sealed class EditReplyHandler(IReplyRepository replies, ISlackSyncOutbox outbox, TimeProvider clock) : IRequestHandler<EditReplyCommand, ReplyDto>
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
        await outbox.ReplyChangedAsync(edited, SlackSync.SyncReplyToSlack.SyncReplyToSlackCommand.Edited, edited.EditedAt!.Value, cancellationToken).ConfigureAwait(false);
        return ReplyDto.From(edited);
    }
}
