using CodeStream.Integrations.Domain.Core.Teams;

namespace CodeStream.Integrations.Application.Core.Persistence;

public interface ITeamRepository
{
    Task AddAsync(Team team, CancellationToken cancellationToken);

    Task<Team?> GetAsync(TeamId id, CancellationToken cancellationToken);
}
