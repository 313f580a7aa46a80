namespace CodeStream.Integrations.Application.MsTeams.Common;

/// <summary>Teams is turned off or not configured on this server (HTTP 503).</summary>
public sealed class MsTeamsUnavailableException(string message) : Exception(message)
{
    public static MsTeamsUnavailableException Disabled() => new("Microsoft Teams integration is disabled.");

    public static MsTeamsUnavailableException NotConfigured() =>
        new("Microsoft Teams is not configured: set appClientId, appClientSecret and tenantId in integrations:msteams:cloud.");
}
