using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Identity;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Application.Slack.Sync;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.IngestThreadReply;

/// <summary>
/// A new reply in a shared thread (docs/slack-behaviour.md, “Thread events”): its author as in “Who wrote it”, its
/// text as in “Text from Slack” with mentions, origin Slack, createdAt = ts, permalink (built from the workspace URL;
/// asked of Slack only for workspaces installed before it was kept), files as references. The reply and its Slack
/// message record commit together, and the database allows one reply per (workspace, channel, ts): a redelivery or a
/// concurrent twin rolls back as "already-synced", never a second reply.
/// </summary>
internal sealed class IngestThreadReplyHandler(
    ISlackShareRepository shares,
    SlackBotTokens bots,
    ICodemarkRepository codemarks,
    SlackAuthorResolver authors,
    SlackTextReader textReader,
    ISlackGateway slack,
    IMediator mediator,
    TimeProvider clock) : IRequestHandler<IngestThreadReplyCommand, WorkOutcome>
{
    public async Task<WorkOutcome> Handle(IngestThreadReplyCommand request, CancellationToken cancellationToken)
    {
        var m = request.Message;
        if (!SlackTeamId.TryParse(request.SlackTeamId, out var slackTeamId)
            || !SlackChannelId.TryParse(m.Channel, out var channelId)
            || !SlackTs.TryParse(m.Ts, out var ts))
        {
            return WorkOutcome.Ignored("malformed-message");
        }

        if (!SlackTs.TryParse(m.ThreadTs, out var threadTs) || threadTs == ts)
        {
            return WorkOutcome.Ignored("not-a-thread-reply");
        }

        if (!SlackUserId.TryParse(m.User, out var slackUserId))
        {
            return WorkOutcome.Ignored("no-human-author");
        }

        var share = await shares.FindShareByMessageAsync(slackTeamId, channelId, threadTs, cancellationToken).ConfigureAwait(false);
        if (share is null || share.DeletedInSlackAt is not null)
        {
            return WorkOutcome.Ignored("thread-not-shared");
        }

        var bot = await bots.FindAsync(share.TeamId, slackTeamId, cancellationToken).ConfigureAwait(false);
        if (bot is null)
        {
            return WorkOutcome.Ignored("no-bot-token");
        }

        if (slackUserId == bot.BotUserId)
        {
            return WorkOutcome.Ignored("own-message"); // Our bot, recognised by its user even when only bot_id was sent.
        }

        var codemark = await codemarks.GetForReplyAsync(share.CodemarkId, cancellationToken).ConfigureAwait(false);
        if (codemark is null || codemark.IsDeleted)
        {
            return WorkOutcome.Ignored("codemark-deleted");
        }

        var author = await authors.ResolveAsync(share.TeamId, new SlackIdentity(slackTeamId, slackUserId), bot.BotToken, cancellationToken).ConfigureAwait(false);
        var text = await textReader.ReadAsync(share.TeamId, slackTeamId, bot.BotToken, m.Text ?? string.Empty, cancellationToken).ConfigureAwait(false);
        var permalink = bot.PermalinkTo(channelId, ts, threadTs) ?? await PermalinkAsync(bot.BotToken, channelId, ts, cancellationToken).ConfigureAwait(false);
        var files = m.Files.Where(f => f.Name is not null).Select(f => new FileReference(f.Name!, f.Mimetype, f.Size, f.Permalink)).ToList();
        if (string.IsNullOrWhiteSpace(text.Markdown) && files.Count == 0)
        {
            return WorkOutcome.Ignored("empty-message");
        }

        var reply = Post.CreateReply(codemark, author.Id, text.Markdown, SlackPostOrigin.Value, ts.ToDateTimeOffset(), text.MentionedUserIds, files);
        try
        {
            var message = new SlackMessageCopy(reply.Id, slackTeamId, channelId, ts, threadTs, permalink, clock.GetUtcNow());
            await mediator.Send(new RecordThreadReplyCommand(reply, message, share), cancellationToken).ConfigureAwait(false);
        }
        catch (DuplicateSlackMessageException)
        {
            return WorkOutcome.Ignored("already-synced");
        }

        return WorkOutcome.Done(reply.Id.Value);
    }

    private async Task<string?> PermalinkAsync(string botToken, SlackChannelId channelId, SlackTs ts, CancellationToken cancellationToken)
    {
        try
        {
            return await slack.GetPermalinkAsync(botToken, channelId.Value, ts.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException exception) when (exception.Error is not ("ratelimited" or SlackApiException.Unavailable))
        {
            return null; // docs/slack-behaviour.md, “Thread events”: a permalink failure leaves it empty; it doesn't drop the reply.
        }
    }
}
