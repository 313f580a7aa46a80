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
/// own message is theirs and is never changed; a thread whose original this is already has it.
/// </summary>
internal sealed class SyncReplyToTeamsHandler(
    IReplyRepository replies, IUserRepository users, IMsTeamsShareRepository shares, IBotConnector connector, IMediator mediator, TimeProvider clock)
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
        foreach (var thread in threads)
        {
            var copy = copies.FirstOrDefault(c => c.ConversationId == thread.ConversationId);
            if (reply.IsDeleted)
            {
                if (copy is { PostedByBot: true })
                {
                    await DeleteQuietlyAsync(thread, copy, cancellationToken).ConfigureAwait(false);
                    done++;
                }
            }
            else if (copy is null)
            {
                var activity = TeamsReplyCopy.RenderActivity(reply.Text, author?.DisplayName ?? "CodeStream user");
                var id = await connector.SendAsync(thread.ServiceUrl, thread.ConversationId, activity, cancellationToken).ConfigureAwait(false);
                await mediator.Send(
                    new RecordTeamsCopyCommand(new MsTeamsMessageCopy(reply.Id, thread.ConversationId, id, PostedByBot: true, clock.GetUtcNow())),
                    cancellationToken).ConfigureAwait(false);
                done++;
            }
            else if (request.Change == SyncReplyToTeamsCommand.Edited && copy.PostedByBot)
            {
                var activity = TeamsReplyCopy.RenderActivity(reply.Text, author?.DisplayName ?? "CodeStream user");
                await connector.UpdateAsync(thread.ServiceUrl, thread.ConversationId, copy.ActivityId, activity, cancellationToken).ConfigureAwait(false);
                done++;
            }
        }

        return done == 0 ? WorkOutcome.Ignored("nothing-to-sync") : WorkOutcome.Done($"{done} Teams message(s)");
    }

    private async Task DeleteQuietlyAsync(MsTeamsShare thread, MsTeamsMessageCopy copy, CancellationToken cancellationToken)
    {
        try
        {
            await connector.DeleteAsync(thread.ServiceUrl, thread.ConversationId, copy.ActivityId, cancellationToken).ConfigureAwait(false);
        }
        catch (BotConnectorException exception) when (exception.IsNotFound)
        {
            // Already gone: the goal is reached.
        }
    }
}
