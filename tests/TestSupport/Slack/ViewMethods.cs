using System.Globalization;
using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>views.open, exchanging a trigger registered with <see cref="FakeSlackServer.RegisterTrigger"/>.</summary>
internal static class ViewMethods
{
    public static void Register(SlackMethodDispatcher dispatcher) => dispatcher.Add("views.open", Open);

    private static JsonObject Open(SlackCall call)
    {
        var view = call.ParseJsonArg<JsonObject>("view", "invalid_arguments") ?? throw new SlackApiException("invalid_arguments");
        if (view["type"] is not JsonValue type || !type.TryGetValue<string>(out var kind) || kind is not ("modal" or "home"))
        {
            throw new SlackApiException("invalid_arguments");
        }

        var triggerId = call.Arg("trigger_id") ?? call.Arg("interactivity_pointer") ?? throw new SlackApiException("invalid_trigger_id");
        if (!call.State.Triggers.TryGetValue(triggerId, out var trigger))
        {
            throw new SlackApiException("invalid_trigger_id");
        }

        if (trigger.Expired)
        {
            throw new SlackApiException("expired_trigger_id");
        }

        if (trigger.Exchanged)
        {
            throw new SlackApiException("exchanged_trigger_id");
        }

        trigger.Exchanged = true;
        var id = call.State.NextId('V');
        var opened = new JsonObject { ["id"] = id, ["team_id"] = call.Token.TeamId };
        foreach (var (name, value) in view)
        {
            opened[name] = value?.DeepClone();
        }

        SetDefault(opened, "private_metadata", "");
        SetDefault(opened, "callback_id", "");
        SetDefault(opened, "external_id", "");
        opened["state"] = new JsonObject { ["values"] = new JsonObject() };
        opened["hash"] = string.Create(CultureInfo.InvariantCulture, $"{call.State.Now.ToUnixTimeSeconds()}.{id.ToLowerInvariant()}");
        SetDefault(opened, "clear_on_close", false);
        SetDefault(opened, "notify_on_close", false);
        opened["previous_view_id"] = null;
        opened["root_view_id"] = id;
        opened["app_id"] = call.Token.AppId;
        opened["app_installed_team_id"] = call.Token.TeamId;
        opened["bot_id"] = call.Token.BotId;

        call.State.OpenedViews.Add(new OpenedView(id, call.Token.TeamId, triggerId, view.ToJsonString(), call.Token.AppId, call.State.Now));
        return new JsonObject { ["view"] = opened };
    }

    private static void SetDefault(JsonObject view, string name, JsonNode value)
    {
        if (!view.ContainsKey(name))
        {
            view[name] = value;
        }
    }
}
