using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.MsTeams;

/// <summary>
/// The Bot Connector's activity writes as Teams runs them in channels: a new thread (<c>POST v3/conversations</c>), a
/// post to a thread or a channel, an update and a delete. Messages the bot posts are from <c>28:{appId}</c> of its
/// bearer token. Called under the state lock.
/// </summary>
internal static class BotConnectorActivities
{
    private const string NotAnObject = "The request body must be a JSON object (an activity).";

    /// <summary>
    /// <c>POST v3/conversations</c> with <c>channelData.channel.id</c> and an <c>activity</c>: a new thread whose root is
    /// the activity. 201 <c>{"id":"{channelId};messageid={rootId}","activityId":"{rootId}"}</c>.
    /// </summary>
    public static BotFrameworkResponse CreateConversation(BotFrameworkState state, AccessTokenRecord token, string body)
    {
        if (BotFrameworkJson.ParseObject(body) is not { } request)
        {
            return BotFrameworkResponse.BadArgument(NotAnObject);
        }

        var channelId = BotFrameworkJson.StringOf(BotFrameworkJson.Find(request, "channelData", "channel", "id"));
        if (string.IsNullOrEmpty(channelId))
        {
            return BotFrameworkResponse.BadArgument("channelData.channel.id is required to start a conversation in a channel.");
        }

        if (!state.Channels.TryGetValue(channelId, out var channel))
        {
            return BotFrameworkResponse.ConversationNotFound(channelId);
        }

        if (request["activity"] is not JsonObject activity)
        {
            return BotFrameworkResponse.BadArgument("activity is required to start a conversation in a channel.");
        }

        if (InvalidMessage(activity) is { } invalid)
        {
            return invalid;
        }

        var root = state.AddMessage(channel, null, token.BotId, activity);
        return BotFrameworkResponse.Json(201, new JsonObject
        {
            ["id"] = $"{channel.Id};messageid={root.Id}",
            ["activityId"] = root.Id,
        });
    }

    /// <summary>
    /// <c>POST v3/conversations/{id}/activities[/{replyToId}]</c>: a reply in the thread for <c>{channelId};messageid={rootId}</c>,
    /// or a new root for a bare channel id. 201 <c>{"id":"…"}</c>.
    /// </summary>
    public static BotFrameworkResponse Send(BotFrameworkState state, AccessTokenRecord token, string conversationId, string body)
    {
        if (BotFrameworkJson.ParseObject(body) is not { } activity)
        {
            return BotFrameworkResponse.BadArgument(NotAnObject);
        }

        if (!state.TryResolveConversation(conversationId, out var channel, out var root))
        {
            return BotFrameworkResponse.ConversationNotFound(conversationId);
        }

        if (InvalidMessage(activity) is { } invalid)
        {
            return invalid;
        }

        var message = state.AddMessage(channel, root, token.BotId, activity);
        return BotFrameworkResponse.Json(201, new JsonObject { ["id"] = message.Id });
    }

    /// <summary>
    /// <c>PUT v3/conversations/{id}/activities/{activityId}</c>: replaces the text and attachments of a message of that
    /// thread (or channel) that is not deleted. 200 <c>{"id":"…"}</c>.
    /// </summary>
    public static BotFrameworkResponse Update(BotFrameworkState state, string conversationId, string activityId, string body)
    {
        if (BotFrameworkJson.ParseObject(body) is not { } activity)
        {
            return BotFrameworkResponse.BadArgument(NotAnObject);
        }

        if (!state.TryResolveConversation(conversationId, out var channel, out var root))
        {
            return BotFrameworkResponse.ConversationNotFound(conversationId);
        }

        if (state.FindInConversation(channel, root, activityId) is not { Deleted: false } message)
        {
            return BotFrameworkResponse.ActivityNotFound(activityId);
        }

        if (InvalidMessage(activity) is { } invalid)
        {
            return invalid;
        }

        BotFrameworkState.SetContent(message, activity);
        message.EditedAt = state.NowText;
        return BotFrameworkResponse.Json(200, new JsonObject { ["id"] = message.Id });
    }

    /// <summary><c>DELETE v3/conversations/{id}/activities/{activityId}</c>: marks the message deleted. 200, empty body.</summary>
    public static BotFrameworkResponse Delete(BotFrameworkState state, string conversationId, string activityId)
    {
        if (!state.TryResolveConversation(conversationId, out var channel, out var root))
        {
            return BotFrameworkResponse.ConversationNotFound(conversationId);
        }

        if (state.FindInConversation(channel, root, activityId) is not { } message)
        {
            return BotFrameworkResponse.ActivityNotFound(activityId);
        }

        message.Deleted = true;
        return BotFrameworkResponse.Empty(200);
    }

    /// <summary>400 unless the activity is a message with text or attachments (Teams refuses empty messages).</summary>
    private static BotFrameworkResponse? InvalidMessage(JsonObject activity)
    {
        var type = BotFrameworkJson.StringOf(activity["type"]);
        if (type != "message")
        {
            return BotFrameworkResponse.BadArgument($"Unsupported activity type '{type}': only 'message' activities are posted to channels.");
        }

        var hasText = !string.IsNullOrEmpty(BotFrameworkJson.StringOf(activity["text"]));
        var hasAttachments = activity["attachments"] is JsonArray { Count: > 0 };
        return hasText || hasAttachments ? null : BotFrameworkResponse.BadArgument("The message has no text and no attachments.");
    }
}
