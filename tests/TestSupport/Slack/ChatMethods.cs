using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>chat.postMessage, chat.update, chat.delete and chat.getPermalink.</summary>
internal static class ChatMethods
{
    private const int MaxTextLength = 40_000;

    public static void Register(SlackMethodDispatcher dispatcher)
    {
        dispatcher.Add("chat.postMessage", PostMessage);
        dispatcher.Add("chat.update", Update);
        dispatcher.Add("chat.delete", Delete);
        dispatcher.Add("chat.getPermalink", GetPermalink);
    }

    private static JsonObject PostMessage(SlackCall call)
    {
        call.RequireScope("chat:write");
        var channel = PostTarget(call);
        var text = call.Arg("text");
        var blocks = call.JsonArrayArg("blocks", "invalid_blocks");
        var attachments = call.JsonArrayArg("attachments", "invalid_attachments");
        var metadata = call.ParseJsonArg<JsonObject>("metadata", "invalid_metadata_format");
        if (metadata is not null && (metadata["event_type"] is null || metadata["event_payload"] is not JsonObject))
        {
            throw new SlackApiException("invalid_metadata_schema");
        }

        if (text is null && IsEmptyArray(blocks) && IsEmptyArray(attachments))
        {
            throw new SlackApiException("no_text");
        }

        if (text?.Length > MaxTextLength)
        {
            throw new SlackApiException("msg_too_long");
        }

        if (channel.IsArchived)
        {
            throw new SlackApiException("is_archived");
        }

        var publicPostAllowed = channel.Kind == ChannelKind.Public && call.Token.Has("chat:write.public");
        if (!publicPostAllowed)
        {
            call.RequireMembership(channel);
        }

        // Slack keeps a custom name and icon only for a bot token with chat:write.customize.
        var customize = call.Token.IsBot && call.Token.Has("chat:write.customize");
        var ts = call.State.NextTs();
        var message = new SlackMessage
        {
            TeamId = channel.TeamId,
            ChannelId = channel.Id,
            Ts = ts,
            ThreadTs = ThreadRoot(channel, call.Arg("thread_ts")),
            Text = text,
            BlocksJson = blocks,
            AttachmentsJson = attachments,
            MetadataJson = metadata?.ToJsonString(),
            UserId = call.Actor,
            BotId = call.Token.BotId,
            AppId = call.Token.AppId,
            Username = customize ? call.Arg("username") : null,
            IconUrl = customize ? call.Arg("icon_url") : null,
            IconEmoji = customize ? call.Arg("icon_emoji") : null,
            UnfurlLinks = call.Bool("unfurl_links"),
        };
        channel.Upsert(message);
        return new JsonObject
        {
            ["channel"] = channel.Id,
            ["ts"] = ts,
            ["message"] = SlackJson.Message(channel, message),
        };
    }

    private static JsonObject Update(SlackCall call)
    {
        call.RequireScope("chat:write");
        var channel = call.Channel();
        var message = OwnMessage(call, channel, call.Arg("ts"), "cant_update_message");
        var text = call.Arg("text");
        var blocks = call.JsonArrayArg("blocks", "invalid_blocks");
        var attachments = call.JsonArrayArg("attachments", "invalid_attachments");
        if (text is null && blocks is null && attachments is null)
        {
            throw new SlackApiException("no_text");
        }

        if (text?.Length > MaxTextLength)
        {
            throw new SlackApiException("msg_too_long");
        }

        if (channel.IsArchived)
        {
            throw new SlackApiException("is_archived");
        }

        // Fields not sent keep their previous value, as Slack documents for blocks and attachments.
        var updated = message with
        {
            Text = text ?? message.Text,
            BlocksJson = blocks ?? message.BlocksJson,
            AttachmentsJson = attachments ?? message.AttachmentsJson,
            EditedTs = call.State.NextTs(),
        };
        channel.Upsert(updated);
        return new JsonObject
        {
            ["channel"] = channel.Id,
            ["ts"] = updated.Ts,
            ["text"] = updated.Text ?? "",
            ["message"] = SlackJson.Message(channel, updated),
        };
    }

    private static JsonObject Delete(SlackCall call)
    {
        call.RequireScope("chat:write");
        var channel = call.Channel();
        var message = OwnMessage(call, channel, call.Arg("ts"), "cant_delete_message");
        if (channel.IsArchived)
        {
            throw new SlackApiException("is_archived");
        }

        channel.Messages.Remove(message);
        return new JsonObject { ["channel"] = channel.Id, ["ts"] = message.Ts };
    }

    private static JsonObject GetPermalink(SlackCall call)
    {
        var channel = call.Channel();
        var message = channel.FindMessage(call.Arg("message_ts") ?? "") ?? throw new SlackApiException("message_not_found");
        var domain = call.State.Workspaces[channel.TeamId].Domain;
        var permalink = $"https://{domain}.slack.com/archives/{channel.Id}/p{message.Ts.Replace(".", "", StringComparison.Ordinal)}";
        if (message.IsReply)
        {
            permalink += $"?thread_ts={message.ThreadTs}&cid={channel.Id}";
        }

        return new JsonObject { ["channel"] = channel.Id, ["permalink"] = permalink };
    }

    /// <summary>A conversation id or name, or a user id, which posts to the caller's DM with that user.</summary>
    private static ChannelRecord PostTarget(SlackCall call)
    {
        var target = call.Arg("channel") ?? throw new SlackApiException("channel_not_found");
        if (call.FindChannel(target) is { } channel)
        {
            return channel;
        }

        var user = call.FindUser(target) ?? throw new SlackApiException("channel_not_found");
        return ConversationMethods.OpenDirect(call.State, call.Token.TeamId, [call.Actor, user.Id], out _);
    }

    /// <summary>A reply to a reply goes to the same thread, as in Slack.</summary>
    private static string? ThreadRoot(ChannelRecord channel, string? threadTs) =>
        threadTs is null ? null : channel.FindMessage(threadTs)?.ThreadTs ?? threadTs;

    private static SlackMessage OwnMessage(SlackCall call, ChannelRecord channel, string? ts, string notOwnError)
    {
        var message = (ts is null ? null : channel.FindMessage(ts)) ?? throw new SlackApiException("message_not_found");
        return message.UserId == call.Actor ? message : throw new SlackApiException(notOwnError);
    }

    private static bool IsEmptyArray(string? json) => json is null or "[]";
}
