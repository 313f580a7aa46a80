using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Core.Changes;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Domain.Core.Posts;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Activities.SyncTeamsEdit;

/// <summary>A <c>messageUpdate</c>: the synced reply's text follows the member's edited message.</summary>
public sealed record SyncTeamsEditCommand(TeamsActivity Activity, int Attempt) : IFlow<WorkOutcome>;

/// <summary>Stores the edited text and publishes the edit (its copies follow through the outboxes); a reply deleted meanwhile stays deleted.</summary>
public sealed record RecordTeamsEditCommand(Post Edited) : ICommand<Unit>;

internal sealed class RecordTeamsEditHandler(IReplyRepository replies, IMediator mediator) : IRequestHandler<RecordTeamsEditCommand, Unit>
{
    public async Task<Unit> Handle(RecordTeamsEditCommand request, CancellationToken cancellationToken)
    {
        if (await replies.TryEditAsync(request.Edited, cancellationToken).ConfigureAwait(false))
        {
            await mediator.Publish(new ReplyChanged(request.Edited, DiscussionChange.Edited, request.Edited.EditedAt!.Value), cancellationToken).ConfigureAwait(false);
        }

        return Unit.Value;
    }
}
