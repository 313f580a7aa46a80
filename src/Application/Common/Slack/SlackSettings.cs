namespace CodeStream.Integrations.Application.Common.Slack;

/// <summary>
/// The Slack app as configured (spec §2, block <c>integrations:slack:{installation}</c>), in the terms use cases need.
/// Secrets stay in Infrastructure/Web; this carries only what decides behaviour.
/// </summary>
public sealed record SlackSettings
{
    /// <summary>User scopes requested at connect (spec §7.1).</summary>
    public const string UserScopes =
        "channels:read,channels:write,chat:write,groups:read,groups:write,im:read,mpim:read,mpim:write,users.profile:write,users:read,users:read.email";

    /// <summary>Bot scopes requested at connect (spec §7.1).</summary>
    public const string BotScopes =
        "channels:history,channels:read,chat:write,chat:write.customize,groups:history,groups:read,mpim:history,mpim:read,users:read,users:read.email";

    public string? AppId { get; init; }

    public string? ClientId { get; init; }

    /// <summary>The app's bot id (<c>B…</c>), when known; messages carrying it are ours and never synced back.</summary>
    public string? BotId { get; init; }

    public bool OAuthConfigured { get; init; }

    public bool Disabled { get; init; }

    public bool InteractiveComponentsEnabled { get; init; } = true;

    /// <summary>The OAuth v2 authorize page (<c>https://slack.com/oauth/v2/authorize</c> unless configured).</summary>
    public Uri OAuthAuthorizeUrl { get; init; } = new("https://slack.com/oauth/v2/authorize");

    /// <summary><c>{publicOrigin}/no-auth/provider-token/slack</c>.</summary>
    public Uri RedirectUri { get; init; } = new("http://localhost:5000/no-auth/provider-token/slack");

    /// <summary>Where CodeStream's web app opens codemarks (buttons in Slack link here); ends with a slash.</summary>
    public Uri WebBaseUrl { get; init; } = new("http://localhost:5000/");

    /// <summary>How long a connect link stays valid.</summary>
    public TimeSpan OAuthStateLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Rotated user tokens are refreshed this long before they expire.</summary>
    public TimeSpan TokenRefreshMargin { get; init; } = TimeSpan.FromMinutes(5);
}
