using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Core.Reactions.SetReaction;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Identity;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Slack;
using FluentValidation;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.SyncSlackReaction;

/// <summary>
/// docs/slack-behaviour.md, “Reactions”: a reaction on a codemark's card becomes a reaction on the codemark; one on a
/// reply's message (the Slack original or a bot copy) a reaction on that reply. The person is resolved as a reply's
/// author is (link, e-mail, faux user). The event's time orders the changes, so a redelivery or a late older event
/// changes nothing; our bot's own reactions are ignored.
/// </summary>
internal sealed class SyncSlackReactionHandler(
    ISlackShareRepository shares,
    ICodemarkRepository codemarks,
    IReplyRepository replies,
    SlackBotTokens bots,
    SlackAuthorResolver authors,
    IMediator mediator) : IRequestHandler<SyncSlackReactionCommand, WorkOutcome>
{
    public async Task<WorkOutcome> Handle(SyncSlackReactionCommand request, CancellationToken cancellationToken)
    {
        var reaction = request.Event.Reaction;
        if (reaction is { ItemType: not "message" })
        {
            return WorkOutcome.Ignored("not-a-message-reaction"); // files and file comments carry no channel and ts
        }

        if (reaction is null
            || !SlackTeamId.TryParse(request.SlackTeamId, out var slackTeamId)
            || !SlackChannelId.TryParse(reaction.Channel, out var channelId)
            || !SlackTs.TryParse(reaction.Ts, out var ts)
            || !SlackTs.TryParse(reaction.EventTs, out var eventTs)
            || !SlackUserId.TryParse(request.Event.User, out var slackUserId))
        {
            return WorkOutcome.Ignored("malformed-reaction");
        }

        if (await TargetAsync(slackTeamId, channelId, ts, cancellationToken).ConfigureAwait(false) is not var (teamId, postId))
        {
            return WorkOutcome.Ignored("not-a-synced-message");
        }

        var bot = await bots.FindAsync(teamId, slackTeamId, cancellationToken).ConfigureAwait(false);
        if (bot is null)
        {
            return WorkOutcome.Ignored("no-bot-token");
        }

        if (slackUserId == bot.BotUserId)
        {
            return WorkOutcome.Ignored("own-reaction");
        }

        var person = await authors.ResolveAsync(teamId, new SlackIdentity(slackTeamId, slackUserId), bot.BotToken, cancellationToken).ConfigureAwait(false);
        var at = DateTimeOffset.UnixEpoch.AddTicks(eventTs.ToUnixMicroseconds() * TimeSpan.TicksPerMicrosecond);
        var present = request.Event.Type == SyncSlackReactionCommand.Added;
        try
        {
            return await mediator.Send(new SetReactionCommand(postId, reaction.Emoji, person.Id, present, at), cancellationToken).ConfigureAwait(false)
                ? WorkOutcome.Done($"{(present ? "+" : "-")}{reaction.Emoji} on {postId.Value}")
                : WorkOutcome.Ignored("reaction-not-newer");
        }
        catch (ValidationException)
        {
            return WorkOutcome.Ignored("malformed-reaction");
        }
    }

    // The codemark when the message is its card; the reply when it is one of the reply's messages.
    private async Task<(TeamId TeamId, PostId PostId)?> TargetAsync(SlackTeamId slackTeamId, SlackChannelId channelId, SlackTs ts, CancellationToken cancellationToken)
    {
        if (await shares.FindShareByMessageAsync(slackTeamId, channelId, ts, cancellationToken).ConfigureAwait(false) is { } share)
        {
            return await codemarks.GetAsync(share.CodemarkId, cancellationToken).ConfigureAwait(false) is { IsDeleted: false } codemark
                ? (codemark.TeamId, codemark.PostId)
                : null;
        }

        if (await shares.FindMessageCopyAsync(slackTeamId, channelId, ts, cancellationToken).ConfigureAwait(false) is { } message)
        {
            return await replies.GetAsync(message.PostId, cancellationToken).ConfigureAwait(false) is { IsDeleted: false } reply
                ? (reply.TeamId, reply.Id)
                : null;
        }

        return null;
    }
}
