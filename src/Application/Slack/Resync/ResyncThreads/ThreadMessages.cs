using System.Text.Json;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Events;

namespace CodeStream.Integrations.Application.Slack.Resync.ResyncThreads;

/// <summary>
/// A message of <c>conversations.replies</c> read as the event Slack would have sent for it: the reply itself, and
/// for an edited one also its <c>message_changed</c> (stamped with <c>edited.ts</c>).
/// </summary>
internal static class ThreadMessages
{
    public static (SlackEventBody Reply, SlackEventBody? Edit) Read(string json, string channelId)
    {
        using var document = JsonDocument.Parse(json);
        var message = SlackEventBody.From(document.RootElement) with { Channel = channelId };
        var editedTs = document.RootElement.TryGetProperty("edited", out var edited) && edited.ValueKind == JsonValueKind.Object
            ? SlackJsonFields.Text(edited, "ts")
            : null;
        var edit = editedTs is null
            ? null
            : new SlackEventBody(
                "message", "message_changed", channelId, null, null, editedTs, null, null, null, null, [], message, null, [], []);
        return (message, edit);
    }
}
