using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Core.Teams;
using CodeStream.Integrations.Application.MsTeams.Common;
using CodeStream.Integrations.Application.MsTeams.Messages;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.MsTeams;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Sharing.ShareCodemarkToTeams;

/// <summary>
/// docs/msteams.md, "Sharing": the bot starts a thread in the channel whose root is the codemark's card, then the share
/// is recorded. One live share per (codemark, channel): a repeated request gets the share (200); of two racing
/// requests, the one that records second deletes its card again.
/// </summary>
internal sealed class ShareCodemarkToTeamsHandler(
    ICodemarkRepository codemarks,
    IUserRepository users,
    IMsTeamsInstallationRepository installations,
    IMsTeamsShareRepository shares,
    IBotConnector connector,
    MsTeamsSettings settings,
    IMediator mediator,
    TimeProvider clock) : IRequestHandler<ShareCodemarkToTeamsCommand, ShareToTeamsResult>
{
    public async Task<ShareToTeamsResult> Handle(ShareCodemarkToTeamsCommand request, CancellationToken cancellationToken)
    {
        MsTeamsGuard.EnsureAvailable(settings);
        var codemarkId = CodemarkId.Parse(request.CodemarkId);
        var codemark = await codemarks.GetAsync(codemarkId, cancellationToken).ConfigureAwait(false);
        if (codemark is null || codemark.IsDeleted)
        {
            throw new NotFoundException("Codemark", codemarkId.Value);
        }

        var userId = UserId.Parse(request.UserId);
        var user = await users.GetAsync(userId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("User", userId.Value);
        TeamGuard.EnsureCanActIn(user, codemark.TeamId);
        var installation = await installations.FindAsync(request.MsTeamsTeamId!, cancellationToken).ConfigureAwait(false);
        if (installation is not { IsActive: true } || installation.TeamId != codemark.TeamId)
        {
            throw new ConflictException($"The Microsoft Teams team '{request.MsTeamsTeamId}' is not linked to this codemark's team: add the bot and link it first.");
        }

        var channelId = request.ChannelId!;
        if (await shares.FindLiveShareAsync(codemarkId, channelId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return new ShareToTeamsResult(TeamsCopies.ToDto(existing), Created: false);
        }

        // Only a channel of the linked team: the bot may be in other teams, whose people are not this team's.
        var channels = await connector.ListChannelsAsync(installation.ServiceUrl, installation.TeamsTeamId, cancellationToken).ConfigureAwait(false);
        if (!channels.Any(c => c.Id == channelId))
        {
            throw new NotFoundException("Microsoft Teams channel", channelId);
        }

        var author = await users.GetAsync(codemark.CreatorId, cancellationToken).ConfigureAwait(false);
        var card = TeamsCodemarkCard.RenderActivity(new TeamsCardInput(codemark, author?.DisplayName ?? "Someone", settings.WebBaseUrl));
        var thread = await StartThreadAsync(installation, channelId, card, cancellationToken).ConfigureAwait(false);
        var share = new MsTeamsShare(
            codemarkId, codemark.TeamId, installation.TeamsTeamId, installation.Name, channelId, thread.ConversationId, thread.RootActivityId,
            installation.ServiceUrl, clock.GetUtcNow(), userId, DeletedAt: null);
        if (await mediator.Send(new RecordTeamsShareCommand(share), cancellationToken).ConfigureAwait(false))
        {
            return new ShareToTeamsResult(TeamsCopies.ToDto(share), Created: true);
        }

        // A racing request shared it to this channel first: ours is a twin.
        await DeleteQuietlyAsync(share, CancellationToken.None).ConfigureAwait(false);
        var winner = await shares.FindLiveShareAsync(codemarkId, channelId, cancellationToken).ConfigureAwait(false);
        return new ShareToTeamsResult(TeamsCopies.ToDto(winner ?? share), Created: false);
    }

    private async Task<TeamsThread> StartThreadAsync(Domain.MsTeams.MsTeamsInstallation installation, string channelId, string card, CancellationToken cancellationToken)
    {
        try
        {
            return await connector.StartThreadAsync(installation.ServiceUrl, channelId, installation.TenantId, card, cancellationToken).ConfigureAwait(false);
        }
        catch (BotConnectorException exception) when (exception.IsNotFound)
        {
            throw new NotFoundException("Microsoft Teams channel", channelId);
        }
    }

    private async Task DeleteQuietlyAsync(MsTeamsShare share, CancellationToken cancellationToken)
    {
        try
        {
            await connector.DeleteAsync(share.ServiceUrl, share.ConversationId, share.RootActivityId, cancellationToken).ConfigureAwait(false);
        }
        catch (BotConnectorException)
        {
            // Best effort: a twin card is all that is left.
        }
    }
}
