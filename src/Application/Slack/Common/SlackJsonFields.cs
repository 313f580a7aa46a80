using System.Text.Json;

namespace CodeStream.Integrations.Application.Slack.Common;

/// <summary>Reads Slack's JSON leniently: a missing field, or one of another type, is absent rather than an error.</summary>
public static class SlackJsonFields
{
    /// <summary>The string field <paramref name="name"/> of an object, or <c>null</c>.</summary>
    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>The string field <paramref name="name"/> of the object field <paramref name="parent"/>, or <c>null</c>.</summary>
    public static string? Text(JsonElement element, string parent, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(parent, out var inner) ? Text(inner, name) : null;
}
