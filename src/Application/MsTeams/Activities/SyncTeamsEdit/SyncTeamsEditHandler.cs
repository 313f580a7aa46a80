using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.MsTeams.Activities.IngestTeamsReply;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using CodeStream.Integrations.Domain.MsTeams;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Activities.SyncTeamsEdit;

/// <summary>
/// docs/msteams.md, "Edits and deletes": the reply a member's message became takes its edited text (converted as on
/// creation), in the order of the activities' timestamps (an older edit arriving late is <c>older-edit</c>). Bot
/// copies are ours and ignored; an edit that overtakes its message's creation is retried a few times.
/// </summary>
internal sealed class SyncTeamsEditHandler(
    IMsTeamsShareRepository shares, IReplyRepository replies, TeamsMessageText texts, IMediator mediator, TimeProvider clock)
    : IRequestHandler<SyncTeamsEditCommand, WorkOutcome>
{
    private const int AttemptsToWaitForCreation = 3;

    public async Task<WorkOutcome> Handle(SyncTeamsEditCommand request, CancellationToken cancellationToken)
    {
        var a = request.Activity;
        if (a.Id is not { Length: > 0 } activityId || a.ConversationId is not { Length: > 0 } conversationId)
        {
            return WorkOutcome.Ignored("malformed-message");
        }

        var copy = await shares.FindMessageCopyAsync(conversationId, activityId, cancellationToken).ConfigureAwait(false);
        var share = await shares.FindShareByThreadAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (copy is null)
        {
            return share is not null && share.RootActivityId != activityId && request.Attempt < AttemptsToWaitForCreation
                ? WorkOutcome.Retry("reply-not-yet-synced", TimeSpan.FromSeconds(1))
                : WorkOutcome.Ignored("not-a-synced-reply");
        }

        if (copy.PostedByBot)
        {
            return WorkOutcome.Ignored("own-copy");
        }

        var reply = await replies.GetAsync(copy.PostId, cancellationToken).ConfigureAwait(false);
        if (reply is null || reply.IsDeleted || reply.Origin != MsTeamsPostOrigin.Value || share is null)
        {
            return WorkOutcome.Ignored("reply-gone");
        }

        // Edits apply in Teams' order: the activity's timestamp is when the member edited.
        var at = a.SentAt ?? clock.GetUtcNow();
        var (markdown, mentioned) = await texts.ReadAsync(reply.TeamId, share, a, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(markdown) || reply.Edit(markdown, at, mentioned) is not { } edited)
        {
            return WorkOutcome.Ignored("text-unchanged");
        }

        return await mediator.Send(new RecordTeamsEditCommand(edited, copy), cancellationToken).ConfigureAwait(false)
            ? WorkOutcome.Done(edited.Id.Value)
            : WorkOutcome.Ignored("older-edit");
    }
}
