using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.MsTeams;

/// <summary>
/// JSON helpers that never throw on an unexpected shape (a client bug must become a 400, not a crash of the fake), and
/// a writer that keeps Teams HTML readable (<c>&lt;p&gt;</c> stays <c>&lt;p&gt;</c>, not <c>\u003Cp\u003E</c>).
/// </summary>
internal static class BotFrameworkJson
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(Relaxed);

    /// <summary>The body as a JSON object, or null when it is empty, malformed or another kind of JSON value.</summary>
    public static JsonObject? ParseObject(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The node at a path of property names, or null when any step is missing or not an object.</summary>
    public static JsonNode? Find(JsonNode? node, params string[] names)
    {
        foreach (var name in names)
        {
            node = (node as JsonObject)?[name];
        }

        return node;
    }

    /// <summary>The node's value when it is a JSON string, else null.</summary>
    public static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
