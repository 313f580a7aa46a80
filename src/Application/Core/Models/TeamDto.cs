using CodeStream.Integrations.Domain.Core.Teams;

namespace CodeStream.Integrations.Application.Core.Models;

public sealed record TeamDto(string Id, string Name, DateTimeOffset CreatedAt)
{
    public static TeamDto From(Team team) => new(team.Id.Value, team.Name, team.CreatedAt);
}
