using System.Text.Json.Nodes;

namespace CodeStream.Integrations.Web.FunctionalTests.MsTeams;

/// <summary>An activity as Teams sends it, and the inbox key the host files it under.</summary>
internal sealed record TeamsActivityJson(string Json, string Key);

/// <summary>Activities shaped like the Bot Framework's (conversationUpdate, message, messageUpdate, messageDelete) for the Teams world.</summary>
internal static class TeamsActivities
{
    private const string Bot = "28:" + TeamsWorld.AppId;

    public static TeamsActivityJson BotAdded(string serviceUrl, bool removed = false)
    {
        var id = "f:" + Guid.NewGuid().ToString("N");
        var activity = Base("conversationUpdate", id, serviceUrl, TeamsWorld.TeamsTeamId, "29:1admin");
        activity[removed ? "membersRemoved" : "membersAdded"] = new JsonArray(new JsonObject { ["id"] = Bot });
        activity["channelData"] = ChannelData(TeamsWorld.TeamsTeamId, removed ? "teamMemberRemoved" : "teamMemberAdded");
        return new(activity.ToJsonString(), $"conversationUpdate:{TeamsWorld.TeamsTeamId}:{id}");
    }

    /// <summary>A member's message in the thread of <paramref name="rootId"/>.</summary>
    public static TeamsActivityJson Message(string serviceUrl, string rootId, string id, string fromId, string fromName, string html, JsonArray? entities = null)
    {
        var conversation = $"{TeamsWorld.ChannelId};messageid={rootId}";
        var activity = Base("message", id, serviceUrl, conversation, fromId, fromName);
        activity["textFormat"] = "plain";
        activity["text"] = html;
        activity["replyToId"] = rootId;
        activity["entities"] = entities ?? [];
        activity["channelData"] = ChannelData(null, null);
        return new(activity.ToJsonString(), $"message:{conversation}:{id}");
    }

    public static TeamsActivityJson Edited(string serviceUrl, string rootId, string id, string fromId, string html, DateTimeOffset at)
    {
        var conversation = $"{TeamsWorld.ChannelId};messageid={rootId}";
        var activity = Base("messageUpdate", id, serviceUrl, conversation, fromId);
        var timestamp = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        activity["timestamp"] = timestamp;
        activity["text"] = html;
        activity["channelData"] = ChannelData(null, "editMessage");
        return new(activity.ToJsonString(), $"messageUpdate:{conversation}:{id}:{timestamp}");
    }

    public static TeamsActivityJson Deleted(string serviceUrl, string rootId, string id, string fromId)
    {
        var conversation = $"{TeamsWorld.ChannelId};messageid={rootId}";
        var activity = Base("messageDelete", id, serviceUrl, conversation, fromId);
        activity["channelData"] = ChannelData(null, "softDeleteMessage");
        return new(activity.ToJsonString(), $"messageDelete:{conversation}:{id}");
    }

    public static JsonArray Mention(string memberId, string name) =>
        [new JsonObject { ["type"] = "mention", ["mentioned"] = new JsonObject { ["id"] = memberId, ["name"] = name }, ["text"] = $"<at>{name}</at>" }];

    private static JsonObject Base(string type, string id, string serviceUrl, string conversationId, string fromId, string? fromName = null) => new()
    {
        ["type"] = type,
        ["id"] = id,
        ["timestamp"] = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = fromId, ["name"] = fromName, ["aadObjectId"] = "aad-" + fromId[3..] },
        ["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = TeamsWorld.TenantId, ["id"] = conversationId },
        ["recipient"] = new JsonObject { ["id"] = Bot, ["name"] = "CodeStream" },
    };

    private static JsonObject ChannelData(string? teamIdForInstall, string? eventType)
    {
        var data = new JsonObject
        {
            ["teamsChannelId"] = TeamsWorld.ChannelId,
            ["teamsTeamId"] = TeamsWorld.TeamsTeamId,
            ["channel"] = new JsonObject { ["id"] = TeamsWorld.ChannelId },
            ["team"] = new JsonObject { ["id"] = TeamsWorld.TeamsTeamId, ["name"] = "Platform", ["aadGroupId"] = "aad-group-0001" },
            ["tenant"] = new JsonObject { ["id"] = TeamsWorld.TenantId },
        };
        if (teamIdForInstall is not null)
        {
            data.Remove("teamsChannelId");
            data.Remove("channel");
        }

        if (eventType is not null)
        {
            data["eventType"] = eventType;
        }

        return data;
    }
}
