using System.Globalization;
using System.Text.Json.Nodes;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

/// <summary>
/// The fixture samples made real for one test: the thread is the one the share produced (its root ts), and the
/// event id and message ts are the test's, so each delivery means exactly what the test says.
/// </summary>
internal static class SlackEvent
{
    /// <summary>The text of <see cref="SlackEventSamples.ThreadReply"/> after conversion (§5.3): mention by username, entity unescaped.</summary>
    public const string ThreadReplyMarkdown = "Good catch @ada, I think we should use `ConfigureAwait(false)` here & add a test";

    /// <summary>The edited text of <see cref="SlackEventSamples.MessageChanged"/> after conversion.</summary>
    public const string EditedMarkdown = "Good catch @ada, we should use `ConfigureAwait(false)` here and add two tests";

    private static int _counter;

    /// <summary>A fresh event id, as Slack's (<c>Ev…</c>).</summary>
    public static string NewEventId() => "Ev" + Interlocked.Increment(ref _counter).ToString("D4", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    /// <summary><c>thread_reply.json</c> as a reply (<paramref name="ts"/>) in the thread <paramref name="threadTs"/>.</summary>
    public static string ThreadReply(string eventId, string ts, string threadTs, string? user = null, string? text = null) =>
        Edit(SlackEventSamples.ThreadReply, eventId, root =>
        {
            var e = root["event"]!;
            e["ts"] = ts;
            e["event_ts"] = ts;
            e["thread_ts"] = threadTs;
            if (user is not null)
            {
                e["user"] = user;
            }

            if (text is not null)
            {
                e["text"] = text;
            }
        });

    /// <summary><c>thread_reply_file_share.json</c> in the thread <paramref name="threadTs"/>.</summary>
    public static string FileShare(string eventId, string ts, string threadTs) =>
        Edit(SlackEventSamples.ThreadReplyFileShare, eventId, root =>
        {
            var e = root["event"]!;
            e["ts"] = ts;
            e["event_ts"] = ts;
            e["thread_ts"] = threadTs;
        });

    /// <summary>
    /// <c>message_changed.json</c>: the message <paramref name="messageTs"/> of the thread now reads
    /// <paramref name="newText"/> (the sample's by default), edited at <paramref name="editedTs"/> (the event's ts by default).
    /// </summary>
    public static string MessageChanged(string eventId, string messageTs, string threadTs, string eventTs, string? newText = null, string? editedTs = null) =>
        Edit(SlackEventSamples.MessageChanged, eventId, root =>
        {
            var e = root["event"]!;
            e["ts"] = eventTs;
            e["event_ts"] = eventTs;
            e["message"]!["edited"]!["ts"] = editedTs ?? eventTs;
            foreach (var name in new[] { "message", "previous_message" })
            {
                e[name]!["ts"] = messageTs;
                e[name]!["thread_ts"] = threadTs;
            }

            if (newText is not null)
            {
                e["message"]!["text"] = newText;
            }
        });

    /// <summary><c>message_deleted.json</c>: the message <paramref name="deletedTs"/> of the thread is gone.</summary>
    public static string MessageDeleted(string eventId, string deletedTs, string threadTs, string eventTs) =>
        Edit(SlackEventSamples.MessageDeleted, eventId, root =>
        {
            var e = root["event"]!;
            e["ts"] = eventTs;
            e["event_ts"] = eventTs;
            e["deleted_ts"] = deletedTs;
            e["previous_message"]!["ts"] = deletedTs;
            e["previous_message"]!["thread_ts"] = threadTs;
        });

    /// <summary><c>own_bot_reply.json</c> (our app's bot) in the thread <paramref name="threadTs"/>.</summary>
    public static string OwnBotReply(string eventId, string ts, string threadTs) =>
        Edit(SlackEventSamples.OwnBotReply, eventId, root =>
        {
            var e = root["event"]!;
            e["ts"] = ts;
            e["event_ts"] = ts;
            e["thread_ts"] = threadTs;
        });

    /// <summary><c>top_level_message.json</c> at <paramref name="ts"/>.</summary>
    public static string TopLevelMessage(string eventId, string ts) =>
        Edit(SlackEventSamples.TopLevelMessage, eventId, root =>
        {
            root["event"]!["ts"] = ts;
            root["event"]!["event_ts"] = ts;
        });

    /// <summary><c>tokens_revoked.json</c> as it happens at <paramref name="at"/> (now by default).</summary>
    public static string TokensRevoked(string eventId, DateTimeOffset? at = null, string? apiAppId = null) =>
        Edit(SlackEventSamples.TokensRevoked, eventId, root => Stamp(root, at, apiAppId));

    /// <summary><c>app_uninstalled.json</c> as it happens at <paramref name="at"/> (now by default).</summary>
    public static string AppUninstalled(string eventId, DateTimeOffset? at = null, string? apiAppId = null) =>
        Edit(SlackEventSamples.AppUninstalled, eventId, root => Stamp(root, at, apiAppId));

    /// <summary>The Slack ts <paramref name="seconds"/> after <paramref name="ts"/> (same microseconds).</summary>
    public static string TsAfter(string ts, int seconds)
    {
        var parts = ts.Split('.');
        return $"{long.Parse(parts[0], CultureInfo.InvariantCulture) + seconds}.{parts[1]}";
    }

    /// <summary><c>reaction_added</c> / <c>reaction_removed</c> by <paramref name="user"/> on the message <paramref name="itemTs"/>, at <paramref name="eventTs"/>.</summary>
    public static string Reaction(string eventId, string type, string user, string emoji, string channel, string itemTs, string eventTs) =>
        new JsonObject
        {
            ["token"] = "Jhj5dZrVaK7ZwHHjRyZWjbDl",
            ["team_id"] = "T0AAA0001",
            ["api_app_id"] = "A0CSAPP01",
            ["event"] = new JsonObject
            {
                ["type"] = type,
                ["user"] = user,
                ["reaction"] = emoji,
                ["item_user"] = "U0BBB0002",
                ["item"] = new JsonObject { ["type"] = "message", ["channel"] = channel, ["ts"] = itemTs },
                ["event_ts"] = eventTs,
            },
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = long.Parse(eventTs.Split('.')[0], CultureInfo.InvariantCulture),
        }.ToJsonString();

    /// <summary><c>channel_rename</c> (or <c>group_rename</c>): the channel is called <paramref name="name"/> since <paramref name="eventTs"/> (now by default).</summary>
    public static string ChannelRename(string eventId, string channel, string name, string? eventTs = null, string type = "channel_rename") =>
        new JsonObject
        {
            ["token"] = "Jhj5dZrVaK7ZwHHjRyZWjbDl",
            ["team_id"] = "T0AAA0001",
            ["api_app_id"] = "A0CSAPP01",
            ["event"] = new JsonObject
            {
                ["type"] = type,
                ["channel"] = new JsonObject { ["id"] = channel, ["name"] = name, ["created"] = 1_763_000_000 },
                ["event_ts"] = eventTs ?? $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.000100",
            },
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        }.ToJsonString();

    /// <summary>Milliseconds since the epoch of a Slack ts (<c>seconds.micros</c>), as CodeStream's createdAt.</summary>
    public static long ToUnixMilliseconds(string ts)
    {
        var parts = ts.Split('.');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture) * 1000) + (long.Parse(parts[1], CultureInfo.InvariantCulture) / 1000);
    }

    private static void Stamp(JsonObject root, DateTimeOffset? at, string? apiAppId)
    {
        var time = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        root["event_time"] = time;
        root["event"]!["event_ts"] = $"{time}.000100";
        root["api_app_id"] = apiAppId ?? (string?)root["api_app_id"];
    }

    private static string Edit(string sample, string eventId, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(sample)!.AsObject();
        root["event_id"] = eventId;
        edit(root);
        return root.ToJsonString();
    }
}
