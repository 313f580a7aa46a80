using System.Text.Json;

namespace CodeStream.Integrations.Application.Slack.Interactivity;

/// <summary>
/// The compact JSON our buttons carry as <c>action_id</c> (spec §6): <c>linkType</c> (reply, web, ide, external),
/// <c>cId</c> codemark, <c>tId</c> team, <c>mId</c> marker, <c>eP</c> external provider.
/// </summary>
public sealed record ReplyButtonAction(string LinkType, string? CodemarkId, string? TeamId)
{
    public const string Reply = "reply";

    public static ReplyButtonAction? TryParse(string? actionId)
    {
        if (string.IsNullOrEmpty(actionId) || actionId.Length > 255 || actionId[0] != '{')
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(actionId);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && Text(root, "linkType") is { } linkType
                ? new ReplyButtonAction(linkType, Text(root, "cId"), Text(root, "tId"))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>The modal's <c>private_metadata</c>: which codemark, team and parent post the reply belongs to.</summary>
public sealed record ReplyModalMetadata(string CodemarkId, string TeamId, string ParentPostId)
{
    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, string> { ["cId"] = CodemarkId, ["tId"] = TeamId, ["ppId"] = ParentPostId });

    public static ReplyModalMetadata? TryParse(string? json)
    {
        if (string.IsNullOrEmpty(json) || json.Length > 3000)
        {
            return null;
        }

        try
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json);
            return values is not null
                && values.TryGetValue("cId", out var c) && c.ValueKind == JsonValueKind.String
                && values.TryGetValue("tId", out var t) && t.ValueKind == JsonValueKind.String
                && values.TryGetValue("ppId", out var p) && p.ValueKind == JsonValueKind.String
                ? new ReplyModalMetadata(c.GetString()!, t.GetString()!, p.GetString()!)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
