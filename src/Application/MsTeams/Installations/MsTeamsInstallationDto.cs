using CodeStream.Integrations.Domain.MsTeams;

namespace CodeStream.Integrations.Application.MsTeams.Installations;

/// <summary>A Teams team the bot is in, and the CodeStream team it is linked to (null until linked).</summary>
public sealed record MsTeamsInstallationDto(string MsTeamsTeamId, string? Name, string TenantId, string? TeamId, DateTimeOffset InstalledAt, bool Removed)
{
    public static MsTeamsInstallationDto From(MsTeamsInstallation installation) => new(
        installation.TeamsTeamId, installation.Name, installation.TenantId, installation.TeamId?.Value, installation.InstalledAt, !installation.IsActive);
}

/// <summary>A channel of a linked Teams team, to share into.</summary>
public sealed record MsTeamsChannelDto(string Id, string Name);
