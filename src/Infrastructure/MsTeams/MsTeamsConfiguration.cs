using CodeStream.Integrations.Application.MsTeams.Common;
using Microsoft.Extensions.Configuration;

namespace CodeStream.Integrations.Infrastructure.MsTeams;

/// <summary>Reads and checks the Teams block at start-up; a bad value stops it, naming the key (never a secret's value).</summary>
public static class MsTeamsConfiguration
{
    public static MsTeamsOptions ReadOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(MsTeamsOptions.SectionName).Get<MsTeamsOptions>() ?? new MsTeamsOptions();
        RequireHttpUrl(options.OpenIdMetadataUrl, "openIdMetadataUrl");
        if (!string.IsNullOrWhiteSpace(options.TokenUrl))
        {
            RequireHttpUrl(options.TokenUrl, "tokenUrl");
        }

        if (!string.IsNullOrWhiteSpace(options.TenantId) && !options.TenantId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
        {
            throw new InvalidOperationException($"Configuration key '{MsTeamsOptions.SectionName}:tenantId' must be a tenant id (a GUID) or domain.");
        }

        return options;
    }

    public static MsTeamsSettings ToSettings(MsTeamsOptions options, Uri publicOrigin) => new()
    {
        AppClientId = options.AppClientId,
        TenantId = options.TenantId,
        Disabled = options.Disabled,
        Configured = options.Configured,
        WebBaseUrl = new Uri(publicOrigin.ToString().TrimEnd('/') + "/"),
    };

    private static void RequireHttpUrl(string value, string key)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"Configuration key '{MsTeamsOptions.SectionName}:{key}' must be an absolute http(s) URL; it is '{value}'.");
        }
    }
}
