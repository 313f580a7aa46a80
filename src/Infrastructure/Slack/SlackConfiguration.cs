using CodeStream.Integrations.Application.Slack.Common;
using Microsoft.Extensions.Configuration;

namespace CodeStream.Integrations.Infrastructure.Slack;

/// <summary>Reads and checks the Slack block and the public origin; a bad value stops start-up with the key's name.</summary>
public static class SlackConfiguration
{
    public const string PublicOriginKey = "apiServer:publicOrigin";
    public const string DefaultPublicOrigin = "http://localhost:5000";

    /// <summary>Which <c>integrations:slack:&lt;name&gt;</c> block is the installation in use.</summary>
    public const string ActiveKey = "integrations:slack:active";

    public const string DefaultInstallation = "cloud";

    public static SlackAppOptions ReadOptions(IConfiguration configuration)
    {
        var section = ActiveSection(configuration);
        var options = (configuration.GetSection(section).Get<SlackAppOptions>() ?? new SlackAppOptions()).From(section);
        RequireHttpUrl(options.ApiBaseUrl, $"{section}:apiBaseUrl");
        RequireHttpUrl(options.OauthAuthorizeUrl, $"{section}:oauthAuthorizeUrl");
        if (options.SocketModeOn)
        {
            RequireSocketModeSettings(options);
        }

        return options;
    }

    /// <summary>
    /// <c>integrations:slack:{active}</c>; the name is letters, digits, '-' or '_', and a name other than the default
    /// must have its block (a typo would otherwise run with no Slack settings at all).
    /// </summary>
    public static string ActiveSection(IConfiguration configuration)
    {
        var name = configuration[ActiveKey] is { Length: > 0 } configured ? configured.Trim() : DefaultInstallation;
        if (name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || name == "active")
        {
            throw new InvalidOperationException($"Configuration key '{ActiveKey}' must name an installation block (letters, digits, '-' or '_').");
        }

        var section = $"integrations:slack:{name}";
        if (name != DefaultInstallation && !configuration.GetSection(section).Exists())
        {
            throw new InvalidOperationException($"Configuration key '{ActiveKey}' names '{name}', but there is no '{section}' block.");
        }

        return section;
    }

    public static Uri ReadPublicOrigin(IConfiguration configuration)
    {
        var origin = configuration[PublicOriginKey];
        return RequireHttpUrl(string.IsNullOrWhiteSpace(origin) ? DefaultPublicOrigin : origin.TrimEnd('/'), PublicOriginKey);
    }

    /// <summary>The Slack API base with the trailing slash relative paths need.</summary>
    public static Uri ApiBaseUrl(SlackAppOptions options) =>
        new(options.ApiBaseUrl.EndsWith('/') ? options.ApiBaseUrl : options.ApiBaseUrl + "/");

    public static SlackSettings ToSettings(SlackAppOptions options, Uri publicOrigin) => new()
    {
        AppId = options.AppId,
        ClientId = options.AppClientId,
        OAuthConfigured = options.OAuthConfigured,
        Disabled = options.Disabled,
        InteractiveComponentsEnabled = options.InteractiveComponentsEnabled,
        OAuthAuthorizeUrl = new Uri(options.OauthAuthorizeUrl),
        RedirectUri = new Uri(publicOrigin, "/no-auth/provider-token/slack"),
        ConnectStartUri = new Uri(publicOrigin, "/no-auth/provider-token/slack/start"),
        AllowEmailMismatch = options.AllowEmailMismatch,
        ShareReservationLifetime = TimeSpan.FromSeconds(Math.Max(1, options.ShareReservationSeconds)),
        TokenRotation = options.TokenRotation,
        TokenRefreshMargin = TimeSpan.FromSeconds(Math.Max(0, options.TokenRefreshMarginSeconds)),
        ResponseUrlAllowedHosts = [.. options.ResponseUrlAllowedHosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim())],
        WebBaseUrl = new Uri(publicOrigin.ToString().TrimEnd('/') + "/"),
    };

    private static void RequireSocketModeSettings(SlackAppOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.AppLevelToken))
        {
            throw new InvalidOperationException(
                $"Configuration key '{options.Section}:appLevelToken' is required when '{options.Section}:socketMode' is true: "
                + "create an app-level token with the connections:write scope under Basic Information → App-Level Tokens.");
        }

        if (!options.AppLevelToken.StartsWith("xapp-", StringComparison.Ordinal))
        {
            // Named, never shown: a bot or user token pasted here is still a secret.
            throw new InvalidOperationException($"Configuration key '{options.Section}:appLevelToken' must be an app-level token (it starts with 'xapp-').");
        }

        if (options.SocketModeConnections is < 1 or > 10)
        {
            throw new InvalidOperationException(
                $"Configuration key '{options.Section}:socketModeConnections' must be between 1 and 10 (Slack's limit); it is {options.SocketModeConnections}.");
        }

        if (options.SocketModePingSeconds is < 1 or > 300)
        {
            throw new InvalidOperationException(
                $"Configuration key '{options.Section}:socketModePingSeconds' must be between 1 and 300; it is {options.SocketModePingSeconds}.");
        }
    }

    private static Uri RequireHttpUrl(string? value, string key) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"Configuration key '{key}' must be an absolute http(s) URL; it is '{value}'.");
}
