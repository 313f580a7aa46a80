namespace CodeStream.Integrations.Application.Slack.Common;

/// <summary>
/// The Slack app as configured (docs/slack-behaviour.md, “Configuration”; block <c>integrations:slack:{installation}</c>), in the terms use cases need.
/// Secrets stay in Infrastructure/Web; this carries only what decides behaviour.
/// </summary>
public sealed record SlackSettings
{
    /// <summary>User scopes requested at connect (docs/slack-behaviour.md, “Connecting Slack”).</summary>
    public const string UserScopes =
        "channels:read,channels:write,chat:write,groups:read,groups:write,im:read,mpim:read,mpim:write,users.profile:write,users:read,users:read.email";

    /// <summary>Bot scopes requested at connect (docs/slack-behaviour.md, “Connecting Slack”).</summary>
    public const string BotScopes =
        "channels:history,channels:read,chat:write,chat:write.customize,groups:history,groups:read,mpim:history,mpim:read,reactions:read,users:read,users:read.email";

    public string? AppId { get; init; }

    public string? ClientId { get; init; }

    public bool OAuthConfigured { get; init; }

    public bool Disabled { get; init; }

    public bool InteractiveComponentsEnabled { get; init; } = true;

    /// <summary>The OAuth v2 authorize page (<c>https://slack.com/oauth/v2/authorize</c> unless configured).</summary>
    public Uri OAuthAuthorizeUrl { get; init; } = new("https://slack.com/oauth/v2/authorize");

    /// <summary><c>{publicOrigin}/no-auth/provider-token/slack</c>.</summary>
    public Uri RedirectUri { get; init; } = new("http://localhost:5000/no-auth/provider-token/slack");

    /// <summary>
    /// <c>{publicOrigin}/no-auth/provider-token/slack/start</c>: the connect link opens here first, so the browser that
    /// starts the flow gets the cookie the callback checks.
    /// </summary>
    public Uri ConnectStartUri { get; init; } = new("http://localhost:5000/no-auth/provider-token/slack/start");

    /// <summary>
    /// <c>false</c> (default): a connection completes only when the Slack account's e-mail is the CodeStream user's.
    /// Operators whose Slack and CodeStream e-mails differ may relax this; a faux user is merged only on a match.
    /// </summary>
    public bool AllowEmailMismatch { get; init; }

    /// <summary>How long a share in progress holds its conversation before another request may take over.</summary>
    public TimeSpan ShareReservationLifetime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Hosts besides Slack's own (<c>hooks.slack.com</c>, <c>hooks.slack-gov.com</c>) that a <c>response_url</c> may name.</summary>
    public IReadOnlyList<string> ResponseUrlAllowedHosts { get; init; } = [];

    /// <summary>Where CodeStream's web app opens codemarks (buttons in Slack link here); ends with a slash.</summary>
    public Uri WebBaseUrl { get; init; } = new("http://localhost:5000/");

    /// <summary>How long a connect link stays valid.</summary>
    public TimeSpan OAuthStateLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Rotating tokens (bot and user) are refreshed this long before they expire.</summary>
    public TimeSpan TokenRefreshMargin { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The app has token rotation on: long-lived tokens stored before it was turned on are exchanged
    /// (<c>oauth.v2.exchange</c>) for rotating ones when next used.
    /// </summary>
    public bool TokenRotation { get; init; }
}
