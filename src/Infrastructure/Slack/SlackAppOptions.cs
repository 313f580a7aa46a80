namespace CodeStream.Integrations.Infrastructure.Slack;

/// <summary>
/// The operators' Slack block, <c>integrations:slack:&lt;name&gt;</c> (docs/slack-behaviour.md, “Configuration”), exactly as they write it, plus our documented
/// keys (<c>apiBaseUrl</c>, <c>oauthAuthorizeUrl</c>, <c>signingSecretsByAppIds</c>). <c>integrations:slack:active</c> names
/// the block in use; <c>cloud</c> by default.
/// </summary>
public sealed class SlackAppOptions
{
    public const string SectionName = "integrations:slack:cloud";

    /// <summary>
    /// The block these options were read from, as operators see it in messages (never bound from configuration: the
    /// setter is not public).
    /// </summary>
    public string Section { get; private set; } = SectionName;

    internal SlackAppOptions From(string section)
    {
        Section = section;
        return this;
    }

    public string? AppClientId { get; set; }

    public string? AppClientSecret { get; set; }

    public string? AppId { get; set; }

    public string? AppSigningSecret { get; set; }

    public bool Disabled { get; set; }

    public bool InteractiveComponentsEnabled { get; set; } = true;

    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    public string OauthAuthorizeUrl { get; set; } = "https://slack.com/oauth/v2/authorize";

    /// <summary>For hosts serving several Slack apps: app id → signing secret (the single pair is always included).</summary>
    public Dictionary<string, string> SigningSecretsByAppIds { get; set; } = [];

    /// <summary>Lets a connection complete when the Slack e-mail differs from the CodeStream user's (default <c>false</c>).</summary>
    public bool AllowEmailMismatch { get; set; }

    /// <summary>
    /// How long a share in progress holds its conversation; after that (its request died) the next share of the same
    /// codemark there takes over and first looks for the card the first one may have posted.
    /// </summary>
    public int ShareReservationSeconds { get; set; } = 120;

    /// <summary>Extra hosts a <c>response_url</c> may name besides Slack's own (for a proxy, or the tests' loopback fake).</summary>
    public List<string> ResponseUrlAllowedHosts { get; set; } = [];

    /// <summary>
    /// Receive events and interactivity over outbound WebSocket connections (Slack's Socket Mode) instead of request
    /// URLs Slack must reach; needs <see cref="AppLevelToken"/>.
    /// </summary>
    public bool SocketMode { get; set; }

    /// <summary>The app-level token (<c>xapp-…</c>, scope <c>connections:write</c>) that opens Socket Mode connections. A secret.</summary>
    public string? AppLevelToken { get; set; }

    /// <summary>How many Socket Mode connections to keep open (Slack allows up to 10); two, so one is always up.</summary>
    public int SocketModeConnections { get; set; } = 2;

    /// <summary>How often a Socket Mode connection is pinged; one that sends no pong within as long again is replaced.</summary>
    public int SocketModePingSeconds { get; set; } = 10;

    /// <summary>
    /// The app has token rotation on (an irreversible choice in Slack's settings): the manifest says so, and
    /// long-lived tokens are exchanged for rotating ones when next used.
    /// </summary>
    public bool TokenRotation { get; set; }

    /// <summary>How long before expiry a rotating token is refreshed.</summary>
    public int TokenRefreshMarginSeconds { get; set; } = 300;

    public bool SocketModeOn => SocketMode && !Disabled;

    public bool OAuthConfigured => !string.IsNullOrWhiteSpace(AppClientId) && !string.IsNullOrWhiteSpace(AppClientSecret);

    /// <summary>Every signing secret by app id; the configured <see cref="AppId"/> (or "default") maps to <see cref="AppSigningSecret"/>.</summary>
    public IReadOnlyDictionary<string, string> AllSigningSecrets()
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (appId, secret) in SigningSecretsByAppIds)
        {
            if (!string.IsNullOrWhiteSpace(secret))
            {
                all[appId] = secret;
            }
        }

        if (!string.IsNullOrWhiteSpace(AppSigningSecret))
        {
            all[string.IsNullOrWhiteSpace(AppId) ? "default" : AppId] = AppSigningSecret;
        }

        return all;
    }

    public override string ToString() => $"SlackAppOptions {{ AppId = {AppId}, Disabled = {Disabled} }}";
}
