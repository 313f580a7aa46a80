using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Messages;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Application.Slack.Sharing;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Sync.SyncReplyToSlack;

/// <summary>
/// docs/slack-behaviour.md, “Replies to Slack”: the bot posts the reply into each live thread that has no copy of it yet (as the author's name,
/// <c>replied via CodeStream</c>), records the copy's ts at once (so its echo is ignored), and updates or deletes
/// the copies it posted on edits and deletes, whatever the reply's origin (a modal reply, a Slack reply copied into
/// another thread). The message a Slack user wrote is theirs: it is never changed. Idempotent: a rerun posts nothing twice, even after a post whose answer was lost
/// (each copy carries the reply's id in its Slack metadata, and a retry looks for it first).
/// </summary>
internal sealed class SyncReplyToSlackHandler(
    IReplyRepository replies,
    IUserRepository users,
    ISlackShareRepository shares,
    SlackBotTokens bots,
    SlackMentionResolver mentions,
    ISlackGateway slack,
    IMediator mediator,
    TimeProvider clock) : IRequestHandler<SyncReplyToSlackCommand, WorkOutcome>
{
    public async Task<WorkOutcome> Handle(SyncReplyToSlackCommand request, CancellationToken cancellationToken)
    {
        if (!PostId.TryParse(request.ReplyId, out var replyId)
            || await replies.GetAsync(replyId, cancellationToken).ConfigureAwait(false) is not { } reply)
        {
            return WorkOutcome.Ignored("reply-not-found");
        }

        var copies = await shares.ListMessageCopiesOfPostAsync(reply.Id, cancellationToken).ConfigureAwait(false);
        var liveShares = (await shares.ListSharesAsync(reply.CodemarkId, cancellationToken).ConfigureAwait(false))
            .Where(s => s.DeletedInSlackAt is null)
            .ToList();
        var author = await users.GetAsync(reply.CreatorId, cancellationToken).ConfigureAwait(false);
        var done = 0;

        foreach (var share in liveShares)
        {
            var bot = await bots.FindAsync(share.TeamId, share.SlackTeamId, cancellationToken).ConfigureAwait(false);
            if (bot is null)
            {
                continue; // Uninstalled workspace: nothing we may post there.
            }

            var copy = copies.FirstOrDefault(c => c.SlackTeamId == share.SlackTeamId && c.ChannelId == share.ChannelId && c.ThreadTs == share.Ts);
            if (reply.IsDeleted)
            {
                if (copy is { PostedByBot: true })
                {
                    await DeleteQuietlyAsync(bot.BotToken, copy, cancellationToken).ConfigureAwait(false);
                    done++;
                }

                continue;
            }

            if (copy is null)
            {
                var marker = new SlackMessageMarker(SlackMessageMarker.ReplyCopy, reply.Id.Value);
                var ts = request.Attempt > 1 ? await FindUnrecordedCopyAsync(bot.BotToken, share, reply, marker, cancellationToken).ConfigureAwait(false) : null;
                if (ts is null)
                {
                    var content = await RenderAsync(reply, author, share, bot.BotToken, cancellationToken).ConfigureAwait(false);
                    ts = (await slack.PostMessageAsync(bot.BotToken, share.ChannelId.Value, content with { Marker = marker }, share.Ts.Value, cancellationToken).ConfigureAwait(false)).Ts;
                }

                await mediator.Send(
                    new RecordSlackCopyCommand(
                        new SlackMessageCopy(reply.Id, share.SlackTeamId, share.ChannelId, SlackTs.Parse(ts), share.Ts, Permalink: null, clock.GetUtcNow(), PostedByBot: true)),
                    cancellationToken).ConfigureAwait(false);
                done++;
            }
            else if (request.Change == SyncReplyToSlackCommand.Edited && copy.PostedByBot)
            {
                var content = await RenderAsync(reply, author, share, bot.BotToken, cancellationToken).ConfigureAwait(false);
                if (await UpdateQuietlyAsync(bot.BotToken, copy, content, cancellationToken).ConfigureAwait(false))
                {
                    done++;
                }
            }
        }

        return done == 0 ? WorkOutcome.Ignored("nothing-to-sync") : WorkOutcome.Done($"{done} Slack message(s)");
    }

    private async Task<SlackMessageContent> RenderAsync(
        Post reply, Domain.Core.Users.User? author, CodemarkShare share, string botToken, CancellationToken cancellationToken)
    {
        var mentioned = await mentions.ResolveAsync(share.TeamId, share.SlackTeamId, botToken, reply.Text, cancellationToken).ConfigureAwait(false);
        return ReplyCopy.Render(reply.Text, author?.DisplayName ?? "CodeStream user", mentioned);
    }

    /// <summary>
    /// A copy an earlier attempt posted but never recorded (it got no answer, or its host died): found in the thread
    /// by its metadata, so this attempt records it instead of posting a twin.
    /// </summary>
    private async Task<string?> FindUnrecordedCopyAsync(string botToken, CodemarkShare share, Post reply, SlackMessageMarker marker, CancellationToken cancellationToken)
    {
        try
        {
            return await slack.FindMarkedMessageAsync(botToken, share.ChannelId.Value, share.Ts.Value, reply.CreatedAt, marker, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException exception) when (!exception.IsTransient)
        {
            return null; // the thread can't be read (e.g. a DM): post, as before
        }
    }

    // A copy someone deleted in Slack has nothing left to update.
    private async Task<bool> UpdateQuietlyAsync(string botToken, SlackMessageCopy copy, SlackMessageContent content, CancellationToken cancellationToken)
    {
        try
        {
            await slack.UpdateMessageAsync(botToken, copy.ChannelId.Value, copy.Ts.Value, content, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SlackApiException exception) when (exception.Error is "message_not_found" or "cant_update_message")
        {
            return false;
        }
    }

    private async Task DeleteQuietlyAsync(string botToken, SlackMessageCopy copy, CancellationToken cancellationToken)
    {
        try
        {
            await slack.DeleteMessageAsync(botToken, copy.ChannelId.Value, copy.Ts.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException exception) when (exception.Error is "message_not_found" or "cant_delete_message")
        {
            // Already gone (or never the bot's to delete): the goal is reached.
        }
    }
}
