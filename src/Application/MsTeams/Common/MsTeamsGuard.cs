namespace CodeStream.Integrations.Application.MsTeams.Common;

/// <summary>What every user-facing Teams use case checks first: Teams is on and configured here.</summary>
internal static class MsTeamsGuard
{
    public static void EnsureAvailable(MsTeamsSettings settings)
    {
        if (settings.Disabled)
        {
            throw MsTeamsUnavailableException.Disabled();
        }

        if (!settings.Configured)
        {
            throw MsTeamsUnavailableException.NotConfigured();
        }
    }
}
