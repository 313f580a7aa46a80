using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Core.Changes;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.MsTeams;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Activities.SyncTeamsEdit;

/// <summary>A <c>messageUpdate</c>: the synced reply's text follows the member's edited message.</summary>
public sealed record SyncTeamsEditCommand(TeamsActivity Activity, int Attempt) : IFlow<WorkOutcome>;

/// <summary>
/// Stores the edited text and publishes the edit (its copies follow through the outboxes), only when the edit is
/// newer than the last one applied to the message (<c>false</c> otherwise); a reply deleted meanwhile stays deleted.
/// </summary>
public sealed record RecordTeamsEditCommand(Post Edited, MsTeamsMessageCopy Message) : ICommand<bool>;

internal sealed class RecordTeamsEditHandler(IReplyRepository replies, IMsTeamsShareRepository shares, IMediator mediator)
    : IRequestHandler<RecordTeamsEditCommand, bool>
{
    public async Task<bool> Handle(RecordTeamsEditCommand request, CancellationToken cancellationToken)
    {
        if (!await shares.TryMarkEditedAsync(request.Message, request.Edited.EditedAt!.Value, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (await replies.TryEditAsync(request.Edited, cancellationToken).ConfigureAwait(false))
        {
            await mediator.Publish(new ReplyChanged(request.Edited, DiscussionChange.Edited, request.Edited.EditedAt!.Value), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
