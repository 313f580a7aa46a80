using CodeStream.Integrations.Domain.Core.Teams;

namespace CodeStream.Integrations.Domain.MsTeams;

/// <summary>
/// The CodeStream bot added to a Microsoft Teams team (a <c>conversationUpdate</c> told us): where that team's Bot
/// Connector is (<see cref="ServiceUrl"/>), and the CodeStream team it is linked to, once an admin linked it.
/// </summary>
public sealed record MsTeamsInstallation(
    string TeamsTeamId,
    string? Name,
    string TenantId,
    string ServiceUrl,
    TeamId? TeamId,
    DateTimeOffset InstalledAt,
    DateTimeOffset? RemovedAt)
{
    public bool IsActive => RemovedAt is null;
}
