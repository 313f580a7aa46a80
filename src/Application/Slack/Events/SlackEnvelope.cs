using System.Text.Json;
using CodeStream.Integrations.Application.Slack.Common;

namespace CodeStream.Integrations.Application.Slack.Events;

/// <summary>
/// The parts of an Events API envelope (docs/slack-behaviour.md, “Events”) this integration reads, parsed leniently: unknown fields are ignored,
/// wrong types count as absent. Built from the raw JSON stored in the inbox.
/// </summary>
public sealed record SlackEnvelope(string? TeamId, string? ApiAppId, string? EventId, SlackEventBody? Event)
{
    /// <summary>When Slack says the event happened (<c>event_time</c>, Unix seconds), when it says so.</summary>
    public DateTimeOffset? EventTime { get; init; }

    public static SlackEnvelope? TryParse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new SlackEnvelope(
                SlackJsonFields.Text(root, "team_id"),
                SlackJsonFields.Text(root, "api_app_id"),
                SlackJsonFields.Text(root, "event_id"),
                root.TryGetProperty("event", out var body) && body.ValueKind == JsonValueKind.Object ? SlackEventBody.From(body) : null)
            {
                EventTime = root.TryGetProperty("event_time", out var time) && time.ValueKind == JsonValueKind.Number && time.TryGetInt64(out var seconds)
                    && seconds is > 0 and < 253_402_300_800
                    ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                    : null,
            };
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid text (the web layer refuses those; stored rows may predate that).
            return null;
        }
    }
}

/// <summary>The <c>event</c> object; for messages also the nested <c>message</c> / <c>previous_message</c>.</summary>
public sealed record SlackEventBody(
    string? Type,
    string? Subtype,
    string? Channel,
    string? User,
    string? Text,
    string? Ts,
    string? ThreadTs,
    string? BotId,
    string? AppId,
    string? DeletedTs,
    IReadOnlyList<SlackFile> Files,
    SlackEventBody? Message,
    SlackEventBody? PreviousMessage,
    IReadOnlyList<string> RevokedUserIds,
    IReadOnlyList<string> RevokedBotIds)
{
    /// <summary>When Slack says the event happened (<c>event.event_ts</c>).</summary>
    public string? EventTs { get; init; }

    /// <summary>A changed message's <c>edited.ts</c>: when that edit was made.</summary>
    public string? EditedTs { get; init; }

    /// <summary>A reaction event's emoji name (<c>reaction</c>) and the message it is on (<c>item</c>).</summary>
    public SlackReactionItem? Reaction { get; init; }

    /// <summary><c>channel_rename</c> / <c>group_rename</c>: the channel object, with its new name.</summary>
    public SlackRenamedChannel? RenamedChannel { get; init; }

    internal static SlackEventBody From(JsonElement e) => new(
        SlackJsonFields.Text(e, "type"),
        SlackJsonFields.Text(e, "subtype"),
        SlackJsonFields.Text(e, "channel"),
        SlackJsonFields.Text(e, "user"),
        SlackJsonFields.Text(e, "text"),
        SlackJsonFields.Text(e, "ts"),
        SlackJsonFields.Text(e, "thread_ts"),
        SlackJsonFields.Text(e, "bot_id"),
        SlackJsonFields.Text(e, "app_id"),
        SlackJsonFields.Text(e, "deleted_ts"),
        e.TryGetProperty("files", out var files) && files.ValueKind == JsonValueKind.Array
            ? [.. files.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.Object).Select(SlackFile.From)]
            : [],
        e.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object ? From(message) : null,
        e.TryGetProperty("previous_message", out var previous) && previous.ValueKind == JsonValueKind.Object ? From(previous) : null,
        Strings(e, "tokens", "oauth"),
        Strings(e, "tokens", "bot"))
    {
        EventTs = SlackJsonFields.Text(e, "event_ts"),
        EditedTs = Child(e, "edited") is { } edited ? SlackJsonFields.Text(edited, "ts") : null,
        Reaction = SlackJsonFields.Text(e, "reaction") is { } emoji && Child(e, "item") is { } item
            ? new SlackReactionItem(emoji, SlackJsonFields.Text(item, "type"), SlackJsonFields.Text(item, "channel"), SlackJsonFields.Text(item, "ts"), SlackJsonFields.Text(e, "event_ts"))
            : null,
        RenamedChannel = Child(e, "channel") is { } channel
            ? new SlackRenamedChannel(SlackJsonFields.Text(channel, "id"), SlackJsonFields.Text(channel, "name"))
            : null,
    };

    private static JsonElement? Child(JsonElement e, string name) =>
        e.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;

    private static IReadOnlyList<string> Strings(JsonElement e, string parent, string name) =>
        e.TryGetProperty(parent, out var p) && p.ValueKind == JsonValueKind.Object
        && p.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];
}

/// <summary>What a reaction is and what it is on: a message (<c>item.type</c>) in a channel, at <c>item.ts</c>; when it happened.</summary>
public sealed record SlackReactionItem(string Emoji, string? ItemType, string? Channel, string? Ts, string? EventTs);

/// <summary>A renamed channel: its id and new name.</summary>
public sealed record SlackRenamedChannel(string? Id, string? Name);

/// <summary>A file attached to a Slack message; kept as a reference (name, type, size, permalink).</summary>
public sealed record SlackFile(string? Name, string? Mimetype, long? Size, string? Permalink)
{
    internal static SlackFile From(JsonElement f) => new(
        SlackJsonFields.Text(f, "name") ?? SlackJsonFields.Text(f, "title"),
        SlackJsonFields.Text(f, "mimetype"),
        f.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number && size.TryGetInt64(out var bytes) ? bytes : null,
        SlackJsonFields.Text(f, "permalink"));
}
