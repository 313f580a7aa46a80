namespace CodeStream.Integrations.Application.MsTeams.Common;

/// <summary>The work items of the Teams module: inbound activities and changes to mirror into Teams.</summary>
public static class MsTeamsWorkKinds
{
    public const string Activity = "msteams-activity";
    public const string Sync = "msteams-sync";
}
