using System.Security.Cryptography;
using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Common.Slack;
using CodeStream.Integrations.Domain.Teams;
using CodeStream.Integrations.Domain.Users;
using MediatR;

namespace CodeStream.Integrations.Application.SlackOAuth.StartSlackConnect;

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

        var state = stateProtector.Protect(new OAuthState(
            userId.Value, teamId.Value, clock.GetUtcNow() + settings.OAuthStateLifetime, Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));
        var query = string.Join('&', new[]
        {
            ("client_id", settings.ClientId ?? string.Empty),
            ("scope", SlackSettings.BotScopes),
            ("user_scope", SlackSettings.UserScopes),
            ("redirect_uri", settings.RedirectUri.ToString()),
            ("state", state),
        }.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
        var authorize = settings.OAuthAuthorizeUrl.ToString();
        return new SlackConnectLink($"{authorize}{(authorize.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{query}");
    }
}
