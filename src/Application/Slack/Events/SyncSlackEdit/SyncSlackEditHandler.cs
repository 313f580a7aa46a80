using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Identity;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.SyncSlackEdit;

/// <summary>
/// docs/slack-behaviour.md, “Thread events”, "Edit": when <c>message.ts</c> is a reply that came from Slack and its text really changed, the reply
/// takes the new text (converted as on creation) and is marked edited at Slack's <c>edited.ts</c>. An edit older
/// than the one applied last (delivered late) changes nothing; metadata-only changes are ignored; the bot's copies
/// are ours and never read back. An edit that overtakes its message's creation is retried a few times before being
/// ignored.
/// </summary>
internal sealed class SyncSlackEditHandler(
    ISlackShareRepository shares,
    SlackBotTokens bots,
    IReplyRepository replies,
    SlackTextReader textReader,
    IMediator mediator,
    TimeProvider clock) : IRequestHandler<SyncSlackEditCommand, WorkOutcome>
{
    private const int AttemptsToWaitForCreation = 3;

    public async Task<WorkOutcome> Handle(SyncSlackEditCommand request, CancellationToken cancellationToken)
    {
        var message = request.Event.Message;
        if (message is null
            || !SlackTeamId.TryParse(request.SlackTeamId, out var slackTeamId)
            || !SlackChannelId.TryParse(request.Event.Channel, out var channelId)
            || !SlackTs.TryParse(message.Ts, out var ts))
        {
            return WorkOutcome.Ignored("malformed-message");
        }

        var copy = await shares.FindMessageCopyAsync(slackTeamId, channelId, ts, cancellationToken).ConfigureAwait(false);
        if (copy is null)
        {
            var inSharedThread = SlackTs.TryParse(message.ThreadTs, out var threadTs)
                && threadTs != ts
                && await shares.FindShareByMessageAsync(slackTeamId, channelId, threadTs, cancellationToken).ConfigureAwait(false) is not null;
            return inSharedThread && request.Attempt < AttemptsToWaitForCreation
                ? WorkOutcome.Retry("reply-not-yet-synced", TimeSpan.FromSeconds(1))
                : WorkOutcome.Ignored("not-a-synced-reply");
        }

        if (copy.PostedByBot)
        {
            return WorkOutcome.Ignored("own-copy");
        }

        var reply = await replies.GetAsync(copy.PostId, cancellationToken).ConfigureAwait(false);
        if (reply is null || reply.IsDeleted || reply.Origin != SlackPostOrigin.Value)
        {
            return WorkOutcome.Ignored(reply?.Origin == PostOrigin.CodeStream ? "own-copy" : "reply-gone");
        }

        var bot = await bots.FindAsync(reply.TeamId, slackTeamId, cancellationToken).ConfigureAwait(false);
        if (bot is null)
        {
            return WorkOutcome.Ignored("no-bot-token");
        }

        var text = await textReader.ReadAsync(reply.TeamId, slackTeamId, bot.BotToken, message.Text ?? string.Empty, cancellationToken).ConfigureAwait(false);
        SlackTs? editedTs = SlackTs.TryParse(message.EditedTs, out var slackEditTs) ? slackEditTs : null;
        var edited = string.IsNullOrWhiteSpace(text.Markdown)
            ? null
            : reply.Edit(text.Markdown, editedTs?.ToDateTimeOffset() ?? clock.GetUtcNow(), text.MentionedUserIds);
        if (edited is null && editedTs is null)
        {
            return WorkOutcome.Ignored("text-unchanged");
        }

        // A change without edited.ts (an unfurl added to a never-edited message) carries the original text: it may
        // only apply while no edit has been applied, so it is ordered as of the message's own ts.
        if (!await mediator.Send(new RecordSlackEditCommand(edited, copy, editedTs ?? copy.Ts), cancellationToken).ConfigureAwait(false))
        {
            return WorkOutcome.Ignored("older-edit");
        }

        return edited is null ? WorkOutcome.Ignored("text-unchanged") : WorkOutcome.Done(edited.Id.Value);
    }
}
