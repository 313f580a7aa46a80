using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Common;

/// <summary>Stores a user token Slack just rotated (the old one stops working).</summary>
public sealed record StoreRefreshedTokenCommand(SlackUserInstallation Installation) : ICommand<Unit>;

/// <summary>Forgets a user token Slack refused as revoked, remembering that it was (so the user is asked to reconnect).</summary>
public sealed record ForgetRevokedTokenCommand(UserId UserId, SlackTeamId SlackTeamId) : ICommand<Unit>;

/// <summary>Stores a bot token Slack just rotated or exchanged.</summary>
public sealed record StoreRefreshedBotTokenCommand(SlackBotInstallation Installation) : ICommand<Unit>;

/// <summary>Records that Slack refused to refresh the bot's token: the workspace must be connected again.</summary>
public sealed record MarkBotNeedsReconnectCommand(TeamId TeamId, SlackTeamId SlackTeamId, string Reason) : ICommand<Unit>;

internal sealed class SlackTokenCommandHandlers(ISlackInstallationRepository installations)
    : IRequestHandler<StoreRefreshedTokenCommand, Unit>, IRequestHandler<ForgetRevokedTokenCommand, Unit>,
      IRequestHandler<StoreRefreshedBotTokenCommand, Unit>, IRequestHandler<MarkBotNeedsReconnectCommand, Unit>
{
    public async Task<Unit> Handle(StoreRefreshedBotTokenCommand request, CancellationToken cancellationToken)
    {
        await installations.StoreRefreshedBotAsync(request.Installation, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }

    public async Task<Unit> Handle(MarkBotNeedsReconnectCommand request, CancellationToken cancellationToken)
    {
        await installations.MarkBotNeedsReconnectAsync(request.TeamId, request.SlackTeamId, request.Reason, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }

    public async Task<Unit> Handle(StoreRefreshedTokenCommand request, CancellationToken cancellationToken)
    {
        await installations.UpsertUserAsync(request.Installation, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }

    public async Task<Unit> Handle(ForgetRevokedTokenCommand request, CancellationToken cancellationToken)
    {
        await installations.RemoveUserTokenAsync(request.UserId, request.SlackTeamId, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
