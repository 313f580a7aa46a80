using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Domain.Core.Teams;
using MediatR;

namespace CodeStream.Integrations.Application.Core.Teams.CreateTeam;

internal sealed class CreateTeamHandler(ITeamRepository teams, TimeProvider clock) : IRequestHandler<CreateTeamCommand, TeamDto>
{
    public async Task<TeamDto> Handle(CreateTeamCommand request, CancellationToken cancellationToken)
    {
        var team = Team.Create(request.Name!, clock.GetUtcNow());
        await teams.AddAsync(team, cancellationToken).ConfigureAwait(false);
        return TeamDto.From(team);
    }
}
