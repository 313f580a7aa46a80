using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>Slack's JSON shapes (users, channels, messages), copied from real responses.</summary>
internal static class SlackJson
{
    public static JsonObject Error(string code) => new() { ["ok"] = false, ["error"] = code };

    public static JsonObject User(FakeSlackState state, UserRecord user, bool includeEmail)
    {
        var (tzLabel, tzOffset) = TimeZone(user.Tz, state.Now);
        return new JsonObject
        {
            ["id"] = user.Id,
            ["team_id"] = user.TeamId,
            ["name"] = user.Name,
            ["deleted"] = false,
            ["real_name"] = user.RealName,
            ["tz"] = user.Tz,
            ["tz_label"] = tzLabel,
            ["tz_offset"] = tzOffset,
            ["profile"] = Profile(state, user, includeEmail),
            ["is_bot"] = user.IsBot,
            ["is_app_user"] = false,
        };
    }

    public static JsonObject Profile(FakeSlackState state, UserRecord user, bool includeEmail)
    {
        var status = state.StatusOf(user);
        var profile = new JsonObject
        {
            ["real_name"] = user.RealName,
            ["display_name"] = user.Name,
            ["status_text"] = status.Text,
            ["status_emoji"] = status.Emoji,
            ["status_expiration"] = status.Expiration,
            ["image_72"] = $"https://avatars.slack-edge.com/{user.Id}_72.png",
            ["team"] = user.TeamId,
        };
        if (includeEmail && user.Email is not null)
        {
            profile["email"] = user.Email;
        }

        if (user.IsBot)
        {
            profile["bot_id"] = user.BotId;
            profile["api_app_id"] = user.AppId;
        }

        return profile;
    }

    public static JsonObject Channel(ChannelRecord channel, string? viewerId)
    {
        if (channel.Kind == ChannelKind.Im)
        {
            return new JsonObject
            {
                ["id"] = channel.Id,
                ["created"] = channel.Created,
                ["is_im"] = true,
                ["is_org_shared"] = false,
                ["user"] = channel.Members.Find(m => m != viewerId) ?? viewerId,
                ["is_user_deleted"] = false,
                ["priority"] = 0,
            };
        }

        return new JsonObject
        {
            ["id"] = channel.Id,
            ["name"] = channel.Name,
            ["is_channel"] = channel.Kind == ChannelKind.Public,
            ["is_group"] = channel.Kind == ChannelKind.Private,
            ["is_im"] = false,
            ["is_mpim"] = channel.Kind == ChannelKind.Mpim,
            ["is_private"] = channel.IsPrivate,
            ["created"] = channel.Created,
            ["is_archived"] = channel.IsArchived,
            ["is_general"] = false,
            ["creator"] = channel.Creator,
            ["is_member"] = viewerId is not null && channel.Members.Contains(viewerId),
            ["context_team_id"] = channel.TeamId,
            ["name_normalized"] = channel.Name,
        };
    }

    /// <summary>A message as chat.postMessage and conversations.replies return it.</summary>
    /// <summary>The message as Slack returns it; its <c>metadata</c> only when the caller asked (<c>include_all_metadata</c>).</summary>
    public static JsonObject Message(ChannelRecord channel, SlackMessage message, bool includeMetadata)
    {
        var json = Message(channel, message);
        if (includeMetadata && message.MetadataJson is not null)
        {
            json["metadata"] = JsonNode.Parse(message.MetadataJson);
        }

        return json;
    }

    public static JsonObject Message(ChannelRecord channel, SlackMessage message)
    {
        var json = new JsonObject();
        if (message.BotId is not null)
        {
            json["bot_id"] = message.BotId;
        }

        json["type"] = "message";
        if (message.Username is not null)
        {
            // A bot posting under a custom name is a bot_message without a user, as in the own_bot_reply event.
            json["subtype"] = "bot_message";
            json["username"] = message.Username;
        }
        else
        {
            json["user"] = message.UserId;
        }

        json["text"] = message.Text ?? "";
        json["ts"] = message.Ts;
        if (message.AppId is not null)
        {
            json["app_id"] = message.AppId;
        }

        if (message.BlocksJson is not null)
        {
            json["blocks"] = JsonNode.Parse(message.BlocksJson);
        }

        if (message.AttachmentsJson is not null)
        {
            json["attachments"] = JsonNode.Parse(message.AttachmentsJson);
        }

        json["team"] = message.TeamId;
        if (message.IconUrl is not null || message.IconEmoji is not null)
        {
            json["icons"] = message.IconUrl is not null
                ? new JsonObject { ["image_48"] = message.IconUrl }
                : new JsonObject { ["emoji"] = message.IconEmoji };
        }

        if (message.EditedTs is not null)
        {
            json["edited"] = new JsonObject { ["user"] = message.UserId, ["ts"] = message.EditedTs };
        }

        if (message.FilesJson is not null)
        {
            json["files"] = JsonNode.Parse(message.FilesJson);
            json["upload"] = false;
        }

        AddThreadFields(json, channel, message);
        return json;
    }

    private static void AddThreadFields(JsonObject json, ChannelRecord channel, SlackMessage message)
    {
        if (message.IsReply)
        {
            json["thread_ts"] = message.ThreadTs;
            json["parent_user_id"] = channel.FindMessage(message.ThreadTs!)?.UserId;
            return;
        }

        var replies = channel.Messages.Where(m => m.IsReply && m.ThreadTs == message.Ts).ToList();
        if (replies.Count == 0)
        {
            return;
        }

        var users = replies.Select(r => r.UserId).Distinct(StringComparer.Ordinal).ToArray();
        json["thread_ts"] = message.Ts;
        json["reply_count"] = replies.Count;
        json["reply_users_count"] = users.Length;
        json["latest_reply"] = replies[^1].Ts;
        json["reply_users"] = new JsonArray(users.Select(u => (JsonNode?)JsonValue.Create(u)).ToArray());
        json["is_locked"] = false;
        json["subscribed"] = false;
    }

    private static (string Label, int Offset) TimeZone(string tz, DateTimeOffset now)
    {
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(tz);
            var offset = zone.GetUtcOffset(now);
            var label = zone.IsDaylightSavingTime(now) ? zone.DaylightName : zone.StandardName;
            return (label, (int)offset.TotalSeconds);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return ("Coordinated Universal Time", 0);
        }
    }
}
