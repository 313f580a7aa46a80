using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>conversations.info, conversations.invite, conversations.open, conversations.replies, conversations.history and users.conversations.</summary>
internal static class ConversationMethods
{
    private const int MaxOpenUsers = 8;

    private static readonly Dictionary<string, (ChannelKind Kind, string ReadScope)> ConversationTypes = new(StringComparer.Ordinal)
    {
        ["public_channel"] = (ChannelKind.Public, "channels:read"),
        ["private_channel"] = (ChannelKind.Private, "groups:read"),
        ["mpim"] = (ChannelKind.Mpim, "mpim:read"),
        ["im"] = (ChannelKind.Im, "im:read"),
    };

    public static void Register(SlackMethodDispatcher dispatcher)
    {
        dispatcher.Add("conversations.info", Info);
        dispatcher.Add("conversations.invite", Invite);
        dispatcher.Add("conversations.open", Open);
        dispatcher.Add("conversations.replies", Replies);
        dispatcher.Add("conversations.history", History);
        dispatcher.Add("users.conversations", UsersConversations);
    }

    /// <summary>The IM (2 members, or yourself) or MPIM (3+) of exactly these members, created on first use.</summary>
    public static ChannelRecord OpenDirect(FakeSlackState state, string teamId, IReadOnlyCollection<string> memberIds, out bool alreadyOpen)
    {
        var members = memberIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var key = teamId + "/" + string.Join(',', members);
        if (state.DirectConversations.TryGetValue(key, out var existingId))
        {
            alreadyOpen = true;
            return state.RequireChannel(existingId);
        }

        var isMpim = members.Length > 2;
        var channel = new ChannelRecord
        {
            Id = state.NextId(isMpim ? 'G' : 'D'),
            TeamId = teamId,
            Name = isMpim ? $"mpdm-{string.Join("--", members.Select(m => state.Users[m].Name))}-1" : members[0],
            Kind = isMpim ? ChannelKind.Mpim : ChannelKind.Im,
            Created = state.Now.ToUnixTimeSeconds(),
            Creator = memberIds.First(),
        };
        channel.Members.AddRange(members);
        state.Channels.Add(channel);
        state.DirectConversations[key] = channel.Id;
        alreadyOpen = false;
        return channel;
    }

    /// <summary>
    /// Like Slack: the read scope of the conversation's kind; a private channel or DM the caller is not in is
    /// <c>channel_not_found</c>.
    /// </summary>
    private static JsonObject Info(SlackCall call)
    {
        var channel = call.Channel();
        call.RequireScope(ConversationTypes.Values.First(t => t.Kind == channel.Kind).ReadScope);
        if (channel.Kind != ChannelKind.Public && !channel.Members.Contains(call.Actor))
        {
            throw new SlackApiException("channel_not_found");
        }

        return new JsonObject { ["channel"] = SlackJson.Channel(channel, call.Actor) };
    }

    private static JsonObject Invite(SlackCall call)
    {
        call.RequireScope("channels:write", "groups:write");
        var channel = call.Channel();
        if (channel.IsDirect)
        {
            throw new SlackApiException("method_not_supported_for_channel_type");
        }

        call.RequireScope(channel.Kind == ChannelKind.Public ? "channels:write" : "groups:write");
        var userIds = SlackCall.SplitList(call.Arg("users"));
        if (userIds.Count == 0)
        {
            throw new SlackApiException("no_user");
        }

        if (channel.IsArchived)
        {
            throw new SlackApiException("is_archived");
        }

        call.RequireMembership(channel);
        foreach (var userId in userIds)
        {
            _ = call.FindUser(userId) ?? throw new SlackApiException("user_not_found");
            if (userId == call.Actor)
            {
                throw new SlackApiException("cant_invite_self");
            }

            if (channel.Members.Contains(userId))
            {
                throw new SlackApiException("already_in_channel");
            }
        }

        channel.Members.AddRange(userIds);
        return new JsonObject { ["channel"] = SlackJson.Channel(channel, call.Actor) };
    }

    private static JsonObject Open(SlackCall call)
    {
        call.RequireScope("im:write", "mpim:write");
        ChannelRecord channel;
        var alreadyOpen = true;
        if (call.Arg("channel") is { } channelId)
        {
            channel = call.FindChannel(channelId) is { IsDirect: true } found && found.Members.Contains(call.Actor)
                ? found
                : throw new SlackApiException("channel_not_found");
        }
        else
        {
            var userIds = SlackCall.SplitList(call.Arg("users"));
            if (userIds.Count == 0)
            {
                throw new SlackApiException("users_list_not_supplied");
            }

            if (userIds.Count > MaxOpenUsers)
            {
                throw new SlackApiException("too_many_users");
            }

            if (userIds.Exists(u => call.FindUser(u) is null))
            {
                throw new SlackApiException("user_not_found");
            }

            var members = userIds.Prepend(call.Actor).Distinct(StringComparer.Ordinal).ToArray();
            call.RequireScope(members.Length > 2 ? "mpim:write" : "im:write");
            channel = OpenDirect(call.State, call.Token.TeamId, members, out alreadyOpen);
        }

        var body = new JsonObject();
        if (alreadyOpen)
        {
            body["no_op"] = true;
            body["already_open"] = true;
        }

        body["channel"] = call.Bool("return_im") == true
            ? SlackJson.Channel(channel, call.Actor)
            : new JsonObject { ["id"] = channel.Id };
        return body;
    }

    private static JsonObject Replies(SlackCall call)
    {
        var channel = call.Channel();
        RequireHistoryAccess(call, channel);
        var ts = call.Required("ts", "invalid_arguments");
        var message = channel.FindMessage(ts) ?? throw new SlackApiException("thread_not_found");
        var root = message.IsReply ? channel.FindMessage(message.ThreadTs!) ?? message : message;
        // The root always comes first; replies are those at or after `oldest` (after it without `inclusive`).
        var oldest = decimal.TryParse(call.Arg("oldest"), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var o) ? o : 0m;
        var inclusive = call.Bool("inclusive") == true;
        var thread = channel.Messages.Where(m => m.Ts == root.Ts || (m.IsReply && m.ThreadTs == root.Ts
            && decimal.Parse(m.Ts, System.Globalization.CultureInfo.InvariantCulture) is var at && (inclusive ? at >= oldest : at > oldest))).ToList();
        var (page, next) = SlackPaging.Page(thread, m => m.Ts, "next_ts", call.Arg("cursor"), call.Limit(1000, 1000));
        return MessagePage(call, channel, page, next);
    }

    /// <summary>A conversation's top-level messages, newest first, within <c>oldest</c>/<c>latest</c> (exclusive), paged.</summary>
    private static JsonObject History(SlackCall call)
    {
        var channel = call.Channel();
        RequireHistoryAccess(call, channel);
        var oldest = decimal.TryParse(call.Arg("oldest"), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var o) ? o : 0m;
        var latest = decimal.TryParse(call.Arg("latest"), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var l) ? l : decimal.MaxValue;
        var messages = channel.Messages
            .Where(m => !m.IsReply)
            .Where(m => decimal.Parse(m.Ts, System.Globalization.CultureInfo.InvariantCulture) is var ts && ts > oldest && ts < latest)
            .Reverse()
            .ToList();
        var (page, next) = SlackPaging.Page(messages, m => m.Ts, "next_ts", call.Arg("cursor"), call.Limit(100, 999));
        return MessagePage(call, channel, page, next);
    }

    /// <summary>A page of messages as Slack answers it, with their <c>metadata</c> when asked (<c>include_all_metadata</c>).</summary>
    private static JsonObject MessagePage(SlackCall call, ChannelRecord channel, IEnumerable<SlackMessage> page, string next) => new()
    {
        ["messages"] = new JsonArray(page.Select(m => (JsonNode?)SlackJson.Message(channel, m, call.Bool("include_all_metadata") == true)).ToArray()),
        ["has_more"] = next.Length > 0,
        ["response_metadata"] = SlackPaging.Metadata(next),
    };

    /// <summary>Reading a conversation's messages: its kind's <c>*:history</c> scope, and membership (users may read public ones).</summary>
    private static void RequireHistoryAccess(SlackCall call, ChannelRecord channel)
    {
        call.RequireScope(channel.Kind switch
        {
            ChannelKind.Public => "channels:history",
            ChannelKind.Private => "groups:history",
            ChannelKind.Mpim => "mpim:history",
            _ => "im:history",
        });
        call.RequireMembership(channel, publicReadAllowedForUsers: true);
    }

    private static JsonObject UsersConversations(SlackCall call)
    {
        var typeNames = SlackCall.SplitList(call.Arg("types") ?? "public_channel");
        if (typeNames.Exists(t => !ConversationTypes.ContainsKey(t)))
        {
            throw new SlackApiException("invalid_types");
        }

        var missing = typeNames.Select(t => ConversationTypes[t].ReadScope).Where(s => !call.Token.Has(s)).ToArray();
        if (missing.Length > 0)
        {
            throw call.MissingScope(missing);
        }

        var userId = call.Arg("user") ?? call.Actor;
        if (call.FindUser(userId) is null)
        {
            throw new SlackApiException("user_not_found");
        }

        var kinds = typeNames.Select(t => ConversationTypes[t].Kind).ToHashSet();
        var excludeArchived = call.Bool("exclude_archived") == true;
        var channels = call.State.Channels
            .Where(c => c.TeamId == call.Token.TeamId && kinds.Contains(c.Kind) && c.Members.Contains(userId))
            .Where(c => !excludeArchived || !c.IsArchived)
            .ToList();
        var (page, next) = SlackPaging.Page(channels, c => c.Id, "team", call.Arg("cursor"), call.Limit(100, 1000));
        return new JsonObject
        {
            ["channels"] = new JsonArray(page.Select(c => (JsonNode?)SlackJson.Channel(c, userId)).ToArray()),
            ["response_metadata"] = SlackPaging.Metadata(next),
        };
    }
}
