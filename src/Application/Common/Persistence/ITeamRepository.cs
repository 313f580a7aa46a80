using CodeStream.Integrations.Domain.Teams;

namespace CodeStream.Integrations.Application.Common.Persistence;

public interface ITeamRepository
{
    Task AddAsync(Team team, CancellationToken cancellationToken);

    Task<Team?> GetAsync(TeamId id, CancellationToken cancellationToken);
}
