using System.Text.Json;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Infrastructure.Slack;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>
/// The Slack app manifest for this host (docs/slack-behaviour.md, “Endpoints”): paste it into Slack's "Create New App → From a manifest". Every
/// URL derives from <c>apiServer:publicOrigin</c> (with Socket Mode only the OAuth redirect, which the user's browser reaches); scopes and events are the ones the integration needs.
/// </summary>
public static class SlackAppManifest
{
    public static readonly IReadOnlyList<string> BotEvents = [
        "message.channels", "message.groups", "message.mpim", "reaction_added", "reaction_removed", "channel_rename", "group_rename",
        "tokens_revoked", "app_uninstalled",
    ];

    public static string InteractivityUrl(Uri origin) => new Uri(origin, Slack.ProviderActionEndpoints.InteractivityPath).ToString();

    public static string EventsUrl(Uri origin) => new Uri(origin, Slack.ProviderActionEndpoints.EventsPath).ToString();

    public static string RedirectUrl(Uri origin) => new Uri(origin, Slack.SlackOAuthEndpoints.RedirectPath).ToString();

    public static JsonObject Build(IConfiguration configuration)
    {
        var origin = SlackConfiguration.ReadPublicOrigin(configuration);
        var options = SlackConfiguration.ReadOptions(configuration);
        var name = configuration["integrations:slack:appName"] is { Length: > 0 } configured ? configured : "CodeStream";
        return new JsonObject
        {
            ["_metadata"] = new JsonObject { ["major_version"] = 1, ["minor_version"] = 1 },
            ["display_information"] = new JsonObject
            {
                ["name"] = name,
                ["description"] = "Discuss code from CodeStream in Slack: share codemarks, reply in threads.",
                ["background_color"] = "#1a1d21",
            },
            ["features"] = new JsonObject
            {
                ["bot_user"] = new JsonObject { ["display_name"] = name, ["always_online"] = true },
            },
            ["oauth_config"] = new JsonObject
            {
                ["redirect_urls"] = new JsonArray(RedirectUrl(origin)),
                ["scopes"] = new JsonObject
                {
                    ["user"] = Array(SlackSettings.UserScopes.Split(',')),
                    ["bot"] = Array(SlackSettings.BotScopes.Split(',')),
                },
            },
            ["settings"] = Settings(origin, options),
        };
    }

    /// <summary>With Socket Mode, events and interactivity come over the app's own connections: no request URL to reach.</summary>
    private static JsonObject Settings(Uri origin, SlackAppOptions options)
    {
        var events = new JsonObject { ["bot_events"] = Array(BotEvents) };
        var interactivity = new JsonObject { ["is_enabled"] = options.InteractiveComponentsEnabled };
        if (!options.SocketMode)
        {
            events.Insert(0, "request_url", EventsUrl(origin));
            interactivity["request_url"] = InteractivityUrl(origin);
        }

        return new JsonObject
        {
            ["event_subscriptions"] = events,
            ["interactivity"] = interactivity,
            ["org_deploy_enabled"] = false,
            ["socket_mode_enabled"] = options.SocketMode,
            ["token_rotation_enabled"] = options.TokenRotation,
        };
    }

    public static string ToJson(JsonObject manifest) => manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
