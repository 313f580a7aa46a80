using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.MsTeams;

namespace CodeStream.Integrations.Application.MsTeams.Persistence;

/// <summary>The Teams teams the bot is (or was) in.</summary>
public interface IMsTeamsInstallationRepository
{
    /// <summary>Records the bot's arrival (again): name, tenant and service URL are refreshed, a removal is undone.</summary>
    Task UpsertAsync(MsTeamsInstallation installation, CancellationToken cancellationToken);

    /// <summary>The bot left the team: its installation is kept, marked removed.</summary>
    Task<bool> MarkRemovedAsync(string teamsTeamId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Teams moved the team to another service URL (an authenticated activity says so): the installation and the
    /// team's shares use it from now on. <c>false</c> when it was the one recorded already.
    /// </summary>
    Task<bool> RefreshServiceUrlAsync(string teamsTeamId, string serviceUrl, CancellationToken cancellationToken);

    Task<MsTeamsInstallation?> FindAsync(string teamsTeamId, CancellationToken cancellationToken);

    Task<IReadOnlyList<MsTeamsInstallation>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Links the installation to a CodeStream team; <c>false</c> when there is no such installation.</summary>
    Task<bool> LinkAsync(string teamsTeamId, TeamId teamId, CancellationToken cancellationToken);
}
