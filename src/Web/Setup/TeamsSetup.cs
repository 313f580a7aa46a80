using CodeStream.Integrations.Infrastructure.MsTeams;
using CodeStream.Integrations.Web.MsTeams;

namespace CodeStream.Integrations.Web.Setup;

/// <summary>What the setup page shows of the Teams block: the messaging endpoint to give the Azure bot, and the settings (secret masked).</summary>
internal static class TeamsSetup
{
    public static string MessagingEndpoint(Uri origin) => new Uri(origin, TeamsActivityEndpoint.Path).ToString();

    public static IEnumerable<(string Key, string Shown)> Settings(MsTeamsOptions teams, Func<string?, string> mask) =>
    [
        ($"{MsTeamsOptions.SectionName}:appClientId", teams.AppClientId ?? "missing"),
        ($"{MsTeamsOptions.SectionName}:appClientSecret", mask(teams.AppClientSecret)),
        ($"{MsTeamsOptions.SectionName}:tenantId", teams.TenantId ?? "missing"),
        ($"{MsTeamsOptions.SectionName}:disabled", teams.Disabled ? "true" : "false"),
        ($"{MsTeamsOptions.SectionName}:openIdMetadataUrl", teams.OpenIdMetadataUrl),
        ($"{MsTeamsOptions.SectionName}:tokenUrl", teams.EffectiveTokenUrl),
    ];
}
