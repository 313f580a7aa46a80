using CodeStream.Integrations.Application.Common.Models;
using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Domain.Teams;
using MediatR;

namespace CodeStream.Integrations.Application.Teams.CreateTeam;

internal sealed class CreateTeamHandler(ITeamRepository teams, TimeProvider clock) : IRequestHandler<CreateTeamCommand, TeamDto>
{
    public async Task<TeamDto> Handle(CreateTeamCommand request, CancellationToken cancellationToken)
    {
        var team = Team.Create(request.Name!, clock.GetUtcNow());
        await teams.AddAsync(team, cancellationToken).ConfigureAwait(false);
        return TeamDto.From(team);
    }
}
