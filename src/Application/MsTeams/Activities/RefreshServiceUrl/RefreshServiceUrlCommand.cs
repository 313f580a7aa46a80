using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Activities.RefreshServiceUrl;

/// <summary>
/// Microsoft may move a team to another Bot Connector: every authenticated activity of the team carries the current
/// service URL (the token's <c>serviceurl</c> claim vouches for it), and the bot's calls follow it.
/// </summary>
public sealed record RefreshServiceUrlCommand(string TeamsTeamId, string ServiceUrl) : ICommand<bool>;

internal sealed class RefreshServiceUrlHandler(IMsTeamsInstallationRepository installations) : IRequestHandler<RefreshServiceUrlCommand, bool>
{
    public Task<bool> Handle(RefreshServiceUrlCommand request, CancellationToken cancellationToken) =>
        installations.RefreshServiceUrlAsync(request.TeamsTeamId, request.ServiceUrl, cancellationToken);
}
