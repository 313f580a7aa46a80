using System.Globalization;
using System.Text.Json;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Formatting;

namespace CodeStream.Integrations.Application.Slack.Interactivity;

/// <summary>
/// The compact JSON our buttons carry as <c>action_id</c> (docs/slack-behaviour.md, “Interactivity”): <c>linkType</c> (reply, web, ide, external),
/// <c>cId</c> codemark, <c>tId</c> team, <c>mId</c> marker, <c>eP</c> external provider.
/// </summary>
public sealed record ReplyButtonAction(string LinkType, string? CodemarkId, string? TeamId)
{
    public const string Reply = "reply";

    /// <summary>
    /// The action id of one of our buttons, in the compact JSON <see cref="TryParse"/> reads: <c>linkType</c>,
    /// <c>eP</c>, <c>cId</c>, <c>tId</c>, then <c>mId</c> (or <c>mIdx</c>), and <c>n</c> when numbered to stay unique.
    /// </summary>
    internal static string Format(
        string linkType, string? provider, string codemarkId, string? teamId, string? markerId, int markerIndex, int number)
    {
        using var buffer = new CharBuffer(96 + codemarkId.Length + (teamId?.Length ?? 0) + (markerId?.Length ?? 0));
        buffer.Append("{\"linkType\":");
        AppendJsonString(buffer, linkType);
        if (provider is not null)
        {
            buffer.Append(",\"eP\":");
            AppendJsonString(buffer, provider);
        }

        buffer.Append(",\"cId\":");
        AppendJsonString(buffer, codemarkId);
        if (teamId is not null)
        {
            buffer.Append(",\"tId\":");
            AppendJsonString(buffer, teamId);
        }

        if (markerId is not null)
        {
            buffer.Append(",\"mId\":");
            AppendJsonString(buffer, markerId);
        }
        else if (markerIndex >= 0)
        {
            buffer.Append(",\"mIdx\":");
            buffer.Append(markerIndex);
        }

        if (number > 0)
        {
            buffer.Append(",\"n\":");
            buffer.Append(number);
        }

        buffer.Append('}');
        return buffer.ToString();
    }

    /// <summary>A JSON string literal (ids are letters and digits, but nothing here trusts that).</summary>
    private static void AppendJsonString(CharBuffer buffer, string value)
    {
        buffer.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '"' or '\\')
            {
                buffer.Append('\\');
                buffer.Append(c);
            }
            else if (c < ' ' || char.IsSurrogate(c))
            {
                buffer.Append("\\u");
                buffer.Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                buffer.Append(c);
            }
        }

        buffer.Append('"');
    }

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
            return root.ValueKind == JsonValueKind.Object && SlackJsonFields.Text(root, "linkType") is { } linkType
                ? new ReplyButtonAction(linkType, SlackJsonFields.Text(root, "cId"), SlackJsonFields.Text(root, "tId"))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
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
