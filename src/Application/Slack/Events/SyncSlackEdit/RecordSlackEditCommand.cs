using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Core.Changes;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.SyncSlackEdit;

/// <summary>
/// Stores a reply's text as edited in Slack, and publishes the edit (the outbox commits with it). With Slack's
/// <see cref="EditedTs"/>, only an edit later than the last one applied counts: <c>false</c> and nothing changes
/// otherwise. <see cref="Edited"/> is null when the text is unchanged (the edit's time is still recorded).
/// </summary>
public sealed record RecordSlackEditCommand(Post? Edited, SlackMessageCopy Message, SlackTs? EditedTs) : ICommand<bool>;

internal sealed class RecordSlackEditHandler(IReplyRepository replies, ISlackShareRepository shares, IMediator mediator)
    : IRequestHandler<RecordSlackEditCommand, bool>
{
    public async Task<bool> Handle(RecordSlackEditCommand request, CancellationToken cancellationToken)
    {
        if (request.EditedTs is { } editedTs && !await shares.TryMarkEditedAsync(request.Message, editedTs, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (request.Edited is { } edited && await replies.TryEditAsync(edited, cancellationToken).ConfigureAwait(false))
        {
            await mediator.Publish(new ReplyChanged(edited, DiscussionChange.Edited, edited.EditedAt!.Value), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
