using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.MsTeams.Common;
using CodeStream.Integrations.Application.MsTeams.Messages;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.MsTeams;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Sync.SyncReplyToTeams;

/// <summary>
/// docs/msteams.md, "Replies to Teams": the bot posts the reply into each live Teams thread of the codemark that has
/// no message of it yet, records the copy at once, and updates or deletes its copies on edits and deletes. A member's
/// own message is theirs and is never changed; a thread whose original this is already has it. Threads are synced
/// one by one: a thread whose copy is gone, or whose team the bot left, does not hold back the others.
/// </summary>
internal sealed class SyncReplyToTeamsHandler(
    IReplyRepository replies,
    IUserRepository users,
    IMsTeamsShareRepository shares,
    IMsTeamsInstallationRepository installations,
    IBotConnector connector,
    IMediator mediator,
    TimeProvider clock)
    : IRequestHandler<SyncReplyToTeamsCommand, WorkOutcome>
{
    public async Task<WorkOutcome> Handle(SyncReplyToTeamsCommand request, CancellationToken cancellationToken)
    {
        if (!PostId.TryParse(request.ReplyId, out var replyId) || await replies.GetAsync(replyId, cancellationToken).ConfigureAwait(false) is not { } reply)
        {
            return WorkOutcome.Ignored("reply-not-found");
        }

        var copies = await shares.ListMessageCopiesOfPostAsync(reply.Id, cancellationToken).ConfigureAwait(false);
        var threads = (await shares.ListSharesAsync(reply.CodemarkId, cancellationToken).ConfigureAwait(false)).Where(s => s.DeletedAt is null).ToList();
        var author = await users.GetAsync(reply.CreatorId, cancellationToken).ConfigureAwait(false);
        var done = 0;
        BotConnectorException? retryLater = null;
        foreach (var thread in threads)
        {
            // Each thread on its own: one that is gone or refuses must not keep the others out of step.
            if (await installations.FindAsync(thread.TeamsTeamId, cancellationToken).ConfigureAwait(false) is not { IsActive: true })
            {
                continue; // the bot left that team: nothing we may post there
            }

            try
            {
                done += await SyncThreadAsync(request, reply, author?.DisplayName ?? "CodeStream user", thread, copies, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
            catch (BotConnectorException exception) when (exception.IsTransient)
            {
                retryLater = exception;
            }
        }

        if (retryLater is not null)
        {
            throw retryLater; // the item is tried again; threads already in step find their copy recorded and change nothing
        }

        return done == 0 ? WorkOutcome.Ignored("nothing-to-sync") : WorkOutcome.Done($"{done} Teams message(s)");
    }

    private async Task<bool> SyncThreadAsync(
        SyncReplyToTeamsCommand request, Post reply, string authorName, MsTeamsShare thread, IReadOnlyList<MsTeamsMessageCopy> copies, CancellationToken cancellationToken)
    {
        var copy = copies.FirstOrDefault(c => c.ConversationId == thread.ConversationId);
        if (reply.IsDeleted)
        {
            if (copy is not { PostedByBot: true })
            {
                return false;
            }

            await DeleteQuietlyAsync(thread, copy.ActivityId, cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (copy is null)
        {
            var id = await connector.SendAsync(thread.ServiceUrl, thread.ConversationId, TeamsReplyCopy.RenderActivity(reply.Text, authorName), cancellationToken)
                .ConfigureAwait(false);
            var recorded = await mediator.Send(
                new RecordTeamsCopyCommand(new MsTeamsMessageCopy(reply.Id, thread.ConversationId, id, PostedByBot: true, clock.GetUtcNow())),
                cancellationToken).ConfigureAwait(false);
            if (!recorded)
            {
                // A racing item posted and recorded its copy first (one bot copy per thread): ours is a twin. The
                // winner may carry older text than ours, read later: it takes ours.
                await DeleteQuietlyAsync(thread, id, cancellationToken).ConfigureAwait(false);
                var winner = (await shares.ListMessageCopiesOfPostAsync(reply.Id, cancellationToken).ConfigureAwait(false))
                    .FirstOrDefault(c => c.ConversationId == thread.ConversationId && c.PostedByBot);
                return winner is not null
                    && await UpdateQuietlyAsync(thread, winner.ActivityId, reply.Text, authorName, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }

        if (request.Change != SyncReplyToTeamsCommand.Edited || !copy.PostedByBot)
        {
            return false;
        }

        return await UpdateQuietlyAsync(thread, copy.ActivityId, reply.Text, authorName, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> UpdateQuietlyAsync(MsTeamsShare thread, string activityId, string text, string authorName, CancellationToken cancellationToken)
    {
        try
        {
            await connector.UpdateAsync(thread.ServiceUrl, thread.ConversationId, activityId, TeamsReplyCopy.RenderActivity(text, authorName), cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (BotConnectorException exception) when (exception.IsNotFound || exception.StatusCode == 403)
        {
            return false; // deleted in Teams, or no longer the bot's to change: nothing left to update
        }
    }

    private async Task DeleteQuietlyAsync(MsTeamsShare thread, string activityId, CancellationToken cancellationToken)
    {
        try
        {
            await connector.DeleteAsync(thread.ServiceUrl, thread.ConversationId, activityId, cancellationToken).ConfigureAwait(false);
        }
        catch (BotConnectorException exception) when (exception.IsNotFound || exception.StatusCode == 403)
        {
            // Already gone: the goal is reached.
        }
    }
}
