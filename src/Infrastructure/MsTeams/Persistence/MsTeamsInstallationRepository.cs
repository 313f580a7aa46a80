using CodeStream.Integrations.Application.MsTeams.Persistence;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.MsTeams;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.MsTeams.Persistence;

internal sealed class MsTeamsInstallationRepository(DbSession session) : IMsTeamsInstallationRepository
{
    private const string Columns = """
        teams_team_id AS TeamsTeamId, name AS Name, tenant_id AS TenantId, service_url AS ServiceUrl, team_id AS TeamId,
        installed_at AS InstalledAt, removed_at AS RemovedAt
        """;

    // The link to a CodeStream team survives a reinstall; everything Teams tells us is refreshed.
    private const string UpsertSql = """
        INSERT INTO msteams_installations (teams_team_id, name, tenant_id, service_url, team_id, installed_at, removed_at)
        VALUES (@TeamsTeamId, @Name, @TenantId, @ServiceUrl, NULL, @InstalledAt, NULL)
        ON CONFLICT (teams_team_id) DO UPDATE SET name = COALESCE(excluded.name, msteams_installations.name), tenant_id = excluded.tenant_id,
            service_url = excluded.service_url, installed_at = excluded.installed_at, removed_at = NULL
        """;

    private const string RemoveSql = "UPDATE msteams_installations SET removed_at = @At WHERE teams_team_id = @TeamsTeamId AND removed_at IS NULL";

    private const string RefreshServiceUrlSql = """
        UPDATE msteams_installations SET service_url = @ServiceUrl WHERE teams_team_id = @TeamsTeamId AND service_url <> @ServiceUrl;
        UPDATE msteams_shares SET service_url = @ServiceUrl WHERE teams_team_id = @TeamsTeamId AND service_url <> @ServiceUrl;
        """;

    private const string FindSql = $"SELECT {Columns} FROM msteams_installations WHERE teams_team_id = @TeamsTeamId";

    private const string ListSql = $"SELECT {Columns} FROM msteams_installations ORDER BY installed_at, teams_team_id";

    private const string LinkSql = "UPDATE msteams_installations SET team_id = @TeamId WHERE teams_team_id = @TeamsTeamId";

    public Task UpsertAsync(MsTeamsInstallation installation, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            UpsertSql,
            new
            {
                installation.TeamsTeamId,
                installation.Name,
                installation.TenantId,
                installation.ServiceUrl,
                InstalledAt = UnixTime.ToMs(installation.InstalledAt),
            },
            cancellationToken);

    public async Task<bool> MarkRemovedAsync(string teamsTeamId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(RemoveSql, new { TeamsTeamId = teamsTeamId, At = UnixTime.ToMs(at) }, cancellationToken).ConfigureAwait(false) == 1;

    public async Task<bool> RefreshServiceUrlAsync(string teamsTeamId, string serviceUrl, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(RefreshServiceUrlSql, new { TeamsTeamId = teamsTeamId, ServiceUrl = serviceUrl }, cancellationToken).ConfigureAwait(false) > 0;

    public async Task<MsTeamsInstallation?> FindAsync(string teamsTeamId, CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleOrDefaultAsync<Row>(FindSql, new { TeamsTeamId = teamsTeamId }, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToInstallation(row);
    }

    public async Task<IReadOnlyList<MsTeamsInstallation>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await session.QueryAsync<Row>(ListSql, null, cancellationToken).ConfigureAwait(false)).Select(ToInstallation)];

    public async Task<bool> LinkAsync(string teamsTeamId, TeamId teamId, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(LinkSql, new { TeamsTeamId = teamsTeamId, TeamId = teamId.Value }, cancellationToken).ConfigureAwait(false) == 1;

    private static MsTeamsInstallation ToInstallation(Row row) => new(
        row.TeamsTeamId,
        row.Name,
        row.TenantId,
        row.ServiceUrl,
        row.TeamId is null ? null : TeamId.Parse(row.TeamId),
        UnixTime.FromMs(row.InstalledAt),
        UnixTime.FromMs(row.RemovedAt));

    private sealed class Row
    {
        public string TeamsTeamId { get; set; } = string.Empty;

        public string? Name { get; set; }

        public string TenantId { get; set; } = string.Empty;

        public string ServiceUrl { get; set; } = string.Empty;

        public string? TeamId { get; set; }

        public long InstalledAt { get; set; }

        public long? RemovedAt { get; set; }
    }
}
