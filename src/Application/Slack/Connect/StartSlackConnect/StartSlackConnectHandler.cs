using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Core.Teams;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Connect.StartSlackConnect;

internal sealed class StartSlackConnectHandler(
    IUserRepository users, SlackSettings settings, IOAuthStateProtector stateProtector, TimeProvider clock)
    : IRequestHandler<StartSlackConnectCommand, SlackConnectLink>
{
    public async Task<SlackConnectLink> Handle(StartSlackConnectCommand request, CancellationToken cancellationToken)
    {
        if (settings.Disabled)
        {
            throw SlackUnavailableException.Disabled();
        }

        if (!settings.OAuthConfigured)
        {
            throw SlackUnavailableException.OAuthNotConfigured();
        }

        var userId = UserId.Parse(request.UserId);
        var teamId = TeamId.Parse(request.TeamId);
        var user = await users.GetAsync(userId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("User", userId.Value);
        TeamGuard.EnsureCanActIn(user, teamId);

        // The link opens this host's consent start page, which binds the flow to the browser that opens it.
        var ticket = stateProtector.ProtectTicket(new SlackConnectTicket(userId.Value, teamId.Value, clock.GetUtcNow() + settings.OAuthStateLifetime));
        return new SlackConnectLink($"{settings.ConnectStartUri}?ticket={Uri.EscapeDataString(ticket)}");
    }
}
