using System.Globalization;
using System.Net;
using System.Text;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Infrastructure.MsTeams;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.Infrastructure.Slack;
using CodeStream.Integrations.Web.Common;
using CodeStream.Integrations.Web.Slack;
using CodeStream.Integrations.Web.Slack.SocketMode;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CodeStream.Integrations.Web.Setup;

/// <summary>
/// The admin's setup page: a self-check and the three URLs to paste into Slack for anyone who may reach it; which
/// settings are present (secrets only as "set"/"missing", never their values) and the manifest with a copy button only
/// for a caller the product API would serve (a key, or — with no key configured — a direct local caller; anyone else
/// is refused then).
/// </summary>
internal static class SetupPage
{
    public static IEndpointRouteBuilder MapSetupPage(this IEndpointRouteBuilder endpoints, IConfiguration configuration)
    {
        var path = configuration["setup:path"] ?? "/";
        if (path.Length > 0)
        {
            endpoints.MapGet(path, RenderAsync).ExcludeFromDescription();
        }

        return endpoints;
    }

    private static async Task<IResult> RenderAsync(
        HttpContext http,
        IConfiguration configuration,
        SlackAppOptions slack,
        ProductApiAccess access,
        HealthCheckService health,
        IDbConnectionFactory database,
        CancellationToken cancellationToken)
    {
        var caller = access.Check(http);
        if (caller == ProductApiCaller.NotLocal)
        {
            return TypedResults.Content(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Forbidden</title></head><body><h1>Forbidden</h1>"
                + "<p>No product API keys are configured (<code>api:keys</code>), so this page is served to direct local callers only.</p></body></html>",
                "text/html; charset=utf-8",
                statusCode: StatusCodes.Status403Forbidden);
        }

        var full = caller == ProductApiCaller.Allowed;
        var origin = SlackConfiguration.ReadPublicOrigin(configuration);
        var ready = await health.CheckHealthAsync(r => r.Tags.Contains("ready"), cancellationToken);

        var socketMode = http.RequestServices.GetService<SocketModeStatus>()?.Snapshot();
        var checks = new List<(string Name, bool Ok, string Detail)>
        {
            ("Database reachable", ready.Entries.TryGetValue("database", out var db) && db.Status == HealthStatus.Healthy, database.Provider.ToString()),
        };
        checks.AddRange(socketMode is null
            ? [("Signing secret set", slack.AllSigningSecrets().Count > 0, $"{slack.Section}:appSigningSecret")]
            : [("Socket Mode connected", socketMode.ConnectionsUp > 0, SocketModeSummary(socketMode))]);
        var reconnect = await http.RequestServices.GetRequiredService<ISlackInstallationRepository>().ListBotsNeedingReconnectAsync(cancellationToken);
        checks.Add((
            "Slack workspaces connected",
            reconnect.Count == 0,
            reconnect.Count == 0 ? "no workspace needs connecting again" : string.Join(", ", reconnect.Select(w => $"{w.SlackTeamId} ({w.Reason})"))));
        checks.AddRange(new (string Name, bool Ok, string Detail)[]
        {
            ("OAuth configured", slack.OAuthConfigured, $"{slack.Section}:appClientId / appClientSecret"),
            ("Public origin is https", origin.Scheme == Uri.UriSchemeHttps, "apiServer:publicOrigin"),
            ("Product API keys set", access.KeysConfigured, "api:keys"),
        });
        (string Key, string Shown)[] settings =
        [
            ($"{slack.Section}:appId", slack.AppId ?? "missing"),
            ($"{slack.Section}:appClientId", slack.AppClientId ?? "missing"),
            ($"{slack.Section}:appClientSecret", Mask(slack.AppClientSecret)),
            ($"{slack.Section}:appSigningSecret", Mask(slack.AppSigningSecret)),
            ($"{slack.Section}:signingSecretsByAppIds", $"{slack.SigningSecretsByAppIds.Count} app(s)"),
            ($"{slack.Section}:disabled", slack.Disabled ? "true" : "false"),
            ($"{slack.Section}:interactiveComponentsEnabled", slack.InteractiveComponentsEnabled ? "true" : "false"),
            ($"{slack.Section}:apiBaseUrl", slack.ApiBaseUrl),
            ($"{slack.Section}:socketMode", slack.SocketMode ? "true" : "false"),
            ($"{slack.Section}:appLevelToken", Mask(slack.AppLevelToken)),
            ($"{slack.Section}:socketModeConnections", slack.SocketModeConnections.ToString(CultureInfo.InvariantCulture)),
            ($"{slack.Section}:socketModePingSeconds", slack.SocketModePingSeconds.ToString(CultureInfo.InvariantCulture)),
            .. TeamsSetup.Settings(http.RequestServices.GetRequiredService<MsTeamsOptions>(), Mask),
            ("apiServer:publicOrigin", origin.ToString()),
            ("storage:provider", database.Provider.ToString().ToLowerInvariant()),
            ("api:keys", access.KeysConfigured ? "set" : "missing (direct local callers only)"),
        ];

        var html = new StringBuilder();
        html.Append("""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>CodeStream Slack integration — setup</title>
            <style>
              body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1d1c1d; }
              table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #ddd; }
              code, pre { font-family: ui-monospace, monospace; } pre { background: #f6f6f6; padding: 1rem; overflow: auto; max-height: 24rem; }
              .ok { color: #007a5a; } .bad { color: #c01343; } button { font-size: 1rem; padding: .4rem 1rem; }
            </style></head><body>
            <h1>CodeStream Slack integration</h1>
            """);
        html.Append("<h2>Self-check</h2><table id=\"checks\">");
        foreach (var (name, ok, detail) in checks)
        {
            html.Append($"<tr data-check=\"{Encode(name)}\" data-ok=\"{(ok ? "true" : "false")}\"><td class=\"{(ok ? "ok" : "bad")}\">{(ok ? "✔" : "✘")}</td><td>{Encode(name)}</td><td><code>{Encode(detail)}</code></td></tr>");
        }

        if (socketMode is not null)
        {
            AppendSocketMode(html, socketMode);
        }

        html.Append("</table><h2>URLs to paste into Slack</h2><table id=\"urls\">");
        foreach (var (name, url) in socketMode is not null
            ? [("OAuth redirect URL", SlackAppManifest.RedirectUrl(origin))]
            : new[]
            {
                ("OAuth redirect URL", SlackAppManifest.RedirectUrl(origin)),
                ("Interactivity request URL", SlackAppManifest.InteractivityUrl(origin)),
                ("Event subscriptions request URL", SlackAppManifest.EventsUrl(origin)),
            })
        {
            html.Append($"<tr><td>{Encode(name)}</td><td><code>{Encode(url)}</code></td></tr>");
        }

        html.Append($"<tr><td>Microsoft Teams: the Azure bot's messaging endpoint</td><td><code>{Encode(TeamsSetup.MessagingEndpoint(origin))}</code></td></tr>");
        if (full)
        {
            html.Append("<tr><td>Microsoft Teams: the app package to upload</td><td><code>GET /api/v1/msteams/app-package</code></td></tr>");
        }

        if (!full)
        {
            html.Append("</table><p id=\"key-required\">The settings and the Slack app manifest are shown to callers with a product API key ")
                .Append("(<code>Authorization: Bearer …</code>); the manifest is also at <code>/api/v1/slack/manifest</code> and from ")
                .Append("<code>dotnet run --project src/Web -- slack-manifest</code>.</p></body></html>");
            return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
        }

        html.Append("</table><h2>Settings</h2><table id=\"settings\">");
        foreach (var (key, shown) in settings)
        {
            html.Append($"<tr><td><code>{Encode(key)}</code></td><td>{Encode(shown)}</td></tr>");
        }

        html.Append("</table><h2>Slack app manifest</h2>");
        html.Append("<p>In Slack: <em>Create New App → From a manifest</em>, then paste this.</p>");
        html.Append("<p><button id=\"copy-manifest\" type=\"button\">Copy manifest</button> <span id=\"copy-status\" role=\"status\"></span></p>");
        html.Append($"<pre id=\"manifest\">{Encode(SlackAppManifest.ToJson(SlackAppManifest.Build(configuration)))}</pre>");
        html.Append("""
            <h2>More</h2>
            <ul><li><a href="/health/live">/health/live</a></li><li><a href="/health/ready">/health/ready</a></li>
            <li><a href="/api/v1/slack/manifest">/api/v1/slack/manifest</a> (product API key required)</li>
            <li>Documentation: the README of CodeStream.Integrations.</li></ul>
            <script>
              document.getElementById('copy-manifest').addEventListener('click', async () => {
                const text = document.getElementById('manifest').textContent;
                const status = document.getElementById('copy-status');
                try {
                  await navigator.clipboard.writeText(text);
                } catch {
                  const area = document.createElement('textarea');
                  area.value = text; document.body.appendChild(area); area.select();
                  document.execCommand('copy'); area.remove();
                }
                status.textContent = 'Copied!';
                document.body.dataset.copied = 'true';
              });
            </script>
            </body></html>
            """);
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static string SocketModeSummary(SocketModeSnapshot state) =>
        state.Failure ?? $"{state.ConnectionsUp} of {state.ConnectionsWanted} connections up";

    /// <summary>The connections' state (no token, no URL): what an admin checks when replies from Slack stop.</summary>
    private static void AppendSocketMode(StringBuilder html, SocketModeSnapshot state)
    {
        html.Append("</table><h2>Socket Mode</h2><table id=\"socket-mode\">");
        foreach (var (name, value) in new[]
        {
            ("Connections up", $"{state.ConnectionsUp} of {state.ConnectionsWanted}"),
            ("Last hello", Time(state.LastHello)),
            ("Last envelope", Time(state.LastEnvelope)),
            ("Envelopes received / acknowledged", $"{state.Envelopes} / {state.Acknowledged}"),
            ("Reconnects", state.LastReconnectReason is null ? "0" : $"{state.Reconnects} (last: {state.LastReconnectReason})"),
            ("Stopped because", state.Failure ?? "—"),
        })
        {
            html.Append($"<tr><td>{Encode(name)}</td><td>{Encode(value)}</td></tr>");
        }

        html.Append("</table><p>With Socket Mode, Slack needs no request URL: events and interactivity come over these connections.</p><table>");
    }

    private static string Time(DateTimeOffset? at) => at?.ToString("u", CultureInfo.InvariantCulture) ?? "never";

    private static string Mask(string? secret) => string.IsNullOrEmpty(secret) ? "missing" : "set (hidden)";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
