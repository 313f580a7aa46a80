namespace CodeStream.Integrations.Infrastructure.MsTeams;

/// <summary>
/// The operators' Teams block, <c>integrations:msteams:cloud</c>: the Azure bot's app registration (single-tenant),
/// plus where Microsoft's OpenID metadata and token endpoint are (tests point them at loopback fakes).
/// </summary>
public sealed class MsTeamsOptions
{
    public const string SectionName = "integrations:msteams:cloud";
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The bot's Microsoft App ID.</summary>
    public string? AppClientId { get; set; }

    public string? AppClientSecret { get; set; }

    /// <summary>The Entra ID tenant of the single-tenant bot registration.</summary>
    public string? TenantId { get; set; }

    public bool Disabled { get; set; }

    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>Default <c>https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token</c>.</summary>
    public string? TokenUrl { get; set; }

    public bool Configured =>
        !string.IsNullOrWhiteSpace(AppClientId) && !string.IsNullOrWhiteSpace(AppClientSecret) && !string.IsNullOrWhiteSpace(TenantId);

    public string EffectiveTokenUrl =>
        string.IsNullOrWhiteSpace(TokenUrl) ? $"https://login.microsoftonline.com/{TenantId}/oauth2/v2.0/token" : TokenUrl;
}
