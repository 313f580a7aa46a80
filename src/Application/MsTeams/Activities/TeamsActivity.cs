using System.Globalization;
using System.Text.Json;

namespace CodeStream.Integrations.Application.MsTeams.Activities;

/// <summary>
/// The parts of a Bot Framework activity this integration reads, parsed leniently (unknown fields ignored, a field
/// of the wrong type counts as absent), from the JSON stored in the inbox.
/// </summary>
public sealed record TeamsActivity(
    string? Type,
    string? Id,
    string? Timestamp,
    string? ServiceUrl,
    string? ChannelId,
    string? FromId,
    string? FromName,
    string? FromAadObjectId,
    string? ConversationId,
    string? TenantId,
    string? RecipientId,
    string? Text,
    string? TeamId,
    string? TeamName,
    string? EventType,
    IReadOnlyList<string> MembersAdded,
    IReadOnlyList<string> MembersRemoved,
    IReadOnlyList<TeamsMention> Mentions)
{
    /// <summary>The client's own <c>localTimestamp</c>, which Teams sends when <c>timestamp</c> may be missing.</summary>
    public string? LocalTimestamp { get; init; }

    /// <summary>When Teams says the activity happened (<c>timestamp</c>), when it says so in a readable form.</summary>
    public DateTimeOffset? SentAt =>
        DateTimeOffset.TryParse(Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    /// <summary>Whether <see cref="ServiceUrl"/> is an http(s) URL of a sane length: the only kind the bot calls.</summary>
    public bool HasServiceUrl =>
        ServiceUrl is { Length: <= 512 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    public static TeamsActivity? TryParse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var a = document.RootElement;
            if (a.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var channelData = Child(a, "channelData");
            return new TeamsActivity(
                Str(a, "type"),
                Str(a, "id"),
                Str(a, "timestamp"),
                Str(a, "serviceUrl"),
                Str(a, "channelId"),
                Str(Child(a, "from"), "id"),
                Str(Child(a, "from"), "name"),
                Str(Child(a, "from"), "aadObjectId"),
                Str(Child(a, "conversation"), "id"),
                Str(Child(a, "conversation"), "tenantId") ?? Str(Child(channelData, "tenant"), "id"),
                Str(Child(a, "recipient"), "id"),
                Str(a, "text"),
                Str(Child(channelData, "team"), "id"),
                Str(Child(channelData, "team"), "name"),
                Str(channelData, "eventType"),
                Ids(a, "membersAdded"),
                Ids(a, "membersRemoved"),
                Mentioned(a))
            {
                LocalTimestamp = Str(a, "localTimestamp"),
            };
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static JsonElement? Child(JsonElement? e, string name) =>
        e is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;

    private static string? Str(JsonElement? e, string name) =>
        e is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<string> Ids(JsonElement a, string name) =>
        a.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(m => Str(m, "id")).OfType<string>()]
            : [];

    private static IReadOnlyList<TeamsMention> Mentioned(JsonElement a) =>
        a.TryGetProperty("entities", out var entities) && entities.ValueKind == JsonValueKind.Array
            ? [.. entities.EnumerateArray()
                .Where(e => Str(e, "type") == "mention")
                .Select(e => new TeamsMention(Str(Child(e, "mentioned"), "id"), Str(Child(e, "mentioned"), "name"), Str(e, "text")))]
            : [];
}

/// <summary>A mention in a message: who (<c>mentioned.id</c>, name) and how it appears in the text (<c>&lt;at&gt;Name&lt;/at&gt;</c>).</summary>
public sealed record TeamsMention(string? Id, string? Name, string? Text);
