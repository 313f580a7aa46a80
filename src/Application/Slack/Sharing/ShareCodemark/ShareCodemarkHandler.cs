using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Core.Teams;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Messages;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Sharing.ShareCodemark;

/// <summary>
/// Slack calls first (invite the bot, post as the user, permalink, the conversation's name), then the share is recorded
/// (<see cref="RecordShareCommand"/>). A reservation per (codemark, conversation) keeps concurrent identical shares
/// from both posting; a failed Slack call releases it and records nothing.
/// </summary>
internal sealed class ShareCodemarkHandler(
    ICodemarkRepository codemarks,
    IUserRepository users,
    ISlackShareRepository shares,
    ISlackInstallationRepository installations,
    SlackBotTokens bots,
    SlackTokenService tokens,
    SlackMentionResolver mentions,
    SlackConversationNamer conversationNames,
    ISlackGateway slack,
    SlackSettings settings,
    IMediator mediator,
    TimeProvider clock) : IRequestHandler<ShareCodemarkCommand, ShareCodemarkResult>
{
    public async Task<ShareCodemarkResult> Handle(ShareCodemarkCommand request, CancellationToken cancellationToken)
    {
        if (settings.Disabled)
        {
            throw SlackUnavailableException.Disabled();
        }

        var codemarkId = CodemarkId.Parse(request.CodemarkId);
        var codemark = await codemarks.GetAsync(codemarkId, cancellationToken).ConfigureAwait(false);
        if (codemark is null || codemark.IsDeleted)
        {
            throw new NotFoundException("Codemark", codemarkId.Value);
        }

        var userId = UserId.Parse(request.UserId);
        var user = await users.GetAsync(userId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("User", userId.Value);
        TeamGuard.EnsureCanActIn(user, codemark.TeamId);
        var slackTeamId = SlackTeamId.Parse(request.SlackTeamId);

        if (request.IdempotencyKey is { Length: > 0 } key
            && await shares.FindShareByIdempotencyKeyAsync(codemarkId, key, cancellationToken).ConfigureAwait(false) is { } replayed)
        {
            return new ShareCodemarkResult(SlackCopies.ToDto(replayed), Created: false);
        }

        var bot = await bots.FindAsync(codemark.TeamId, slackTeamId, cancellationToken).ConfigureAwait(false)
            ?? throw (await installations.WasRevokedAsync(userId, slackTeamId, cancellationToken).ConfigureAwait(false)
                ? SlackNotConnectedException.Revoked(slackTeamId.Value)
                : SlackNotConnectedException.For(userId.Value, slackTeamId.Value));
        var channelId = request.ChannelId is not null
            ? SlackChannelId.Parse(request.ChannelId)
            : SlackChannelId.Parse(await tokens.WithUserTokenAsync(
                userId,
                slackTeamId,
                token => slack.OpenConversationAsync(token, [.. request.SlackUserIds!, bot.BotUserId.Value], cancellationToken),
                cancellationToken).ConfigureAwait(false));

        if (await shares.FindLiveShareAsync(codemarkId, slackTeamId, channelId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return new ShareCodemarkResult(SlackCopies.ToDto(existing), Created: false);
        }

        // A reservation left behind by a request that died (or never heard back from Slack) may stand for a posted card.
        var now = clock.GetUtcNow();
        var previous = await shares.FindReservationAsync(codemarkId, slackTeamId, channelId, cancellationToken).ConfigureAwait(false);
        var intent = Guid.NewGuid().ToString("N");
        if (!await mediator.Send(new ReserveShareCommand(codemarkId, slackTeamId, channelId, now, settings.ShareReservationLifetime, intent), cancellationToken).ConfigureAwait(false))
        {
            return await shares.FindLiveShareAsync(codemarkId, slackTeamId, channelId, cancellationToken).ConfigureAwait(false) is { } concurrent
                ? new ShareCodemarkResult(SlackCopies.ToDto(concurrent), Created: false)
                : throw new ConflictException("This codemark is being shared to that conversation right now; try again in a moment.");
        }

        // A request that finished between our first look and our reservation has recorded its share by now.
        if (await shares.FindLiveShareAsync(codemarkId, slackTeamId, channelId, cancellationToken).ConfigureAwait(false) is { } justShared)
        {
            await mediator.Send(new ReleaseShareReservationCommand(codemarkId, slackTeamId, channelId), CancellationToken.None).ConfigureAwait(false);
            return new ShareCodemarkResult(SlackCopies.ToDto(justShared), Created: false);
        }

        SlackPostedMessage posted;
        try
        {
            var unconfirmed = previous is { Intent: { } earlier } && previous.ReservedAt <= now - settings.ShareReservationLifetime ? earlier : null;
            var found = unconfirmed is null
                ? null
                : await FindPostedAsync(bot.BotToken, channelId, new SlackMessageMarker(SlackMessageMarker.Share, unconfirmed), previous!.ReservedAt, cancellationToken).ConfigureAwait(false);

            // A group DM opened for people already has the bot in it; a channel may need the invitation.
            var inviteBot = request.ChannelId is not null && !channelId.Value.StartsWith('D');
            posted = found is not null
                ? new SlackPostedMessage(channelId.Value, found)
                : await PostAsync(codemark, user, bot, slackTeamId, channelId, inviteBot, new SlackMessageMarker(SlackMessageMarker.Share, intent), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Refused for sure: the conversation is free again. No answer: the card may be there; the next request looks.
            var refused = exception is SlackNotConnectedException or SlackApiException { Error: "ratelimited" } or SlackApiException { IsTransient: false };
            IRequest<Unit> giveBack = refused
                ? new ReleaseShareReservationCommand(codemarkId, slackTeamId, channelId)
                : new ExpireShareReservationCommand(codemarkId, slackTeamId, channelId, intent, now - settings.ShareReservationLifetime);
            await mediator.Send(giveBack, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var share = new CodemarkShare(
            codemarkId,
            codemark.TeamId,
            slackTeamId,
            bot.SlackTeamName,
            SlackChannelId.Parse(posted.ChannelId),
            await ChannelNameAsync(userId, slackTeamId, bot.BotUserId.Value, posted, cancellationToken).ConfigureAwait(false),
            SlackTs.Parse(posted.Ts),
            await PermalinkAsync(userId, slackTeamId, posted, cancellationToken).ConfigureAwait(false),
            clock.GetUtcNow(),
            userId,
            DeletedInSlackAt: null,
            request.IdempotencyKey is { Length: > 0 } ? request.IdempotencyKey : null);

        await RecordAsync(share, channelId, cancellationToken).ConfigureAwait(false);
        return new ShareCodemarkResult(SlackCopies.ToDto(share), Created: true);
    }

    private async Task<SlackPostedMessage> PostAsync(
        Codemark codemark,
        User user,
        SlackBotInstallation bot,
        SlackTeamId slackTeamId,
        SlackChannelId channelId,
        bool inviteBot,
        SlackMessageMarker marker,
        CancellationToken cancellationToken)
    {
        return await tokens.WithUserTokenAsync(
            user.Id,
            slackTeamId,
            async token =>
            {
                // The bot must be in the conversation for thread replies to reach us.
                if (inviteBot)
                {
                    await slack.InviteToChannelAsync(token, channelId.Value, [bot.BotUserId.Value], cancellationToken).ConfigureAwait(false);
                }

                var author = await users.GetAsync(codemark.CreatorId, cancellationToken).ConfigureAwait(false);
                var mentioned = await mentions.ResolveAsync(
                    codemark.TeamId, slackTeamId, bot.BotToken, $"{codemark.Title}\n{codemark.Text}", cancellationToken).ConfigureAwait(false);
                var content = CodemarkCard.Render(new CodemarkCardInput(
                    codemark, author?.DisplayName ?? "Someone", settings.WebBaseUrl, settings.InteractiveComponentsEnabled, true, mentioned));
                return await slack.PostMessageAsync(token, channelId.Value, content with { Marker = marker }, threadTs: null, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The card an earlier request posted with <paramref name="marker"/>, found by its metadata with the bot's token
    /// (the bot reads the conversations it is in). A conversation the bot may not read (a DM) can't be searched: the
    /// card is posted again there.
    /// </summary>
    private async Task<string?> FindPostedAsync(
        string botToken, SlackChannelId channelId, SlackMessageMarker marker, DateTimeOffset reservedAt, CancellationToken cancellationToken)
    {
        try
        {
            return await slack.FindMarkedMessageAsync(botToken, channelId.Value, threadTs: null, reservedAt - TimeSpan.FromMinutes(1), marker, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (SlackApiException exception) when (!exception.IsTransient)
        {
            return null;
        }
    }

    private async Task<string?> PermalinkAsync(UserId userId, SlackTeamId slackTeamId, SlackPostedMessage posted, CancellationToken cancellationToken)
    {
        try
        {
            return await tokens.WithUserTokenAsync(
                userId, slackTeamId, token => slack.GetPermalinkAsync(token, posted.ChannelId, posted.Ts, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception)
        {
            return null; // A share without a permalink still works; the link is a convenience (as for the name).
        }
    }

    private async Task<string?> ChannelNameAsync(
        UserId userId, SlackTeamId slackTeamId, string botUserId, SlackPostedMessage posted, CancellationToken cancellationToken)
    {
        try
        {
            return await tokens.WithUserInstallationAsync(
                userId,
                slackTeamId,
                installation => conversationNames.NameAsync(installation.AccessToken, [installation.SlackUserId.Value, botUserId], posted.ChannelId, cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Only a detail, and the card is posted: recording the share must not depend on it (a cancelled request
            // is handled by the recording, which takes the card back).
            return null;
        }
    }

    private async Task RecordAsync(CodemarkShare share, SlackChannelId requestedChannel, CancellationToken cancellationToken)
    {
        try
        {
            await mediator.Send(new RecordShareCommand(share, requestedChannel), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Posted but not recorded: take the message back so a retry starts clean instead of posting a twin.
            try
            {
                await tokens.WithUserTokenAsync(
                    share.SharedByUserId,
                    share.SlackTeamId,
                    async token =>
                    {
                        await slack.DeleteMessageAsync(token, share.ChannelId.Value, share.Ts.Value, CancellationToken.None).ConfigureAwait(false);
                        return true;
                    },
                    CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is SlackApiException or SlackNotConnectedException)
            {
                // Nothing more we can do; the reservation lapses and the original error is what the caller sees.
            }

            throw;
        }
    }
}
