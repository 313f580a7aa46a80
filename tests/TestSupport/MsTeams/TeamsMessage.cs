using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.MsTeams;

/// <summary>
/// One message of a Teams channel as the fake Bot Framework stores it: a thread root (<see cref="RootId"/> equals
/// <see cref="Id"/>) or a reply in a root's thread. Ids are Teams activity ids, millisecond timestamps as strings. Immutable.
/// </summary>
/// <param name="Id">The activity id, e.g. <c>1700000000123</c>.</param>
/// <param name="ChannelId">The channel conversation id, e.g. <c>19:chan@thread.tacv2</c>.</param>
/// <param name="RootId">The thread's root activity id (this message's own id for a root).</param>
/// <param name="FromId">Who wrote it: <c>28:{appId}</c> for the bot (from the bearer token), <c>29:…</c> for a person.</param>
/// <param name="Text">The activity's <c>text</c> (Teams HTML or plain text), if any.</param>
/// <param name="AttachmentsJson">The activity's <c>attachments</c> array as JSON, when it has any.</param>
/// <param name="Deleted">Deleted through the connector (Teams keeps a "This message has been deleted" stub).</param>
/// <param name="EditedAt">When it was last updated through the connector (ISO 8601, UTC), if ever.</param>
/// <param name="RawActivityJson">The activity as last posted or updated (for a person's message: the inbound activity Teams would send).</param>
public sealed record TeamsMessage(
    string Id,
    string ChannelId,
    string RootId,
    string? FromId,
    string? Text,
    string? AttachmentsJson,
    bool Deleted,
    string? EditedAt,
    string RawActivityJson)
{
    /// <summary>True for a thread root (a message posted with <c>POST v3/conversations</c> or to a bare channel id).</summary>
    public bool IsRoot => Id == RootId;

    /// <summary>The thread's conversation id, <c>{channelId};messageid={rootId}</c>, as the connector addresses it.</summary>
    public string ConversationId => $"{ChannelId};messageid={RootId}";

    /// <summary>The attachments (e.g. an Adaptive Card), or null when the message has none.</summary>
    public JsonArray? ParseAttachments() => AttachmentsJson is null ? null : JsonNode.Parse(AttachmentsJson) as JsonArray;

    public JsonObject ParseActivity() =>
        JsonNode.Parse(RawActivityJson) as JsonObject ?? throw new InvalidOperationException("The stored activity is not a JSON object.");
}
