using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Core.Changes;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Domain.Core.Posts;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.SyncSlackEdit;

/// <summary>Stores a reply's text as edited in Slack, and publishes the edit (the outbox commits with it).</summary>
public sealed record RecordSlackEditCommand(Post Edited) : ICommand<Unit>;

internal sealed class RecordSlackEditHandler(IReplyRepository replies, IMediator mediator) : IRequestHandler<RecordSlackEditCommand, Unit>
{
    public async Task<Unit> Handle(RecordSlackEditCommand request, CancellationToken cancellationToken)
    {
        var edited = request.Edited;
        await replies.UpdateAsync(edited, cancellationToken).ConfigureAwait(false);
        await mediator.Publish(new ReplyChanged(edited, DiscussionChange.Edited, edited.EditedAt!.Value), cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
