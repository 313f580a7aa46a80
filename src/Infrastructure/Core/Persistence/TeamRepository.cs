using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.Core.Persistence;

internal sealed class TeamRepository(DbSession session) : ITeamRepository
{
    private const string InsertSql = """
        INSERT INTO teams (id, name, created_at) VALUES (@Id, @Name, @CreatedAt)
        """;

    private const string SelectSql = """
        SELECT id AS Id, name AS Name, created_at AS CreatedAt FROM teams WHERE id = @Id
        """;

    public Task AddAsync(Team team, CancellationToken cancellationToken) =>
        session.ExecuteAsync(InsertSql, new { Id = team.Id.Value, team.Name, CreatedAt = UnixTime.ToMs(team.CreatedAt) }, cancellationToken);

    public async Task<Team?> GetAsync(TeamId id, CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleOrDefaultAsync<TeamRow>(SelectSql, new { Id = id.Value }, cancellationToken).ConfigureAwait(false);
        return row is null ? null : new Team(TeamId.Parse(row.Id), row.Name, UnixTime.FromMs(row.CreatedAt));
    }

    private sealed class TeamRow
    {
        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public long CreatedAt { get; set; }
    }
}
