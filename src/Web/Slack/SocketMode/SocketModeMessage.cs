using System.Text.Json;

namespace CodeStream.Integrations.Web.Slack.SocketMode;

/// <summary>
/// One message Slack sends over a Socket Mode connection: <c>hello</c>, <c>disconnect</c> (with its
/// <see cref="Reason"/>) or an envelope (<c>events_api</c>, <c>interactive</c>, <c>slash_commands</c>…) whose
/// <see cref="Payload"/> is exactly what the request URL would have received as JSON.
/// </summary>
internal sealed record SocketModeMessage(
    string? Type, string? EnvelopeId, bool AcceptsResponsePayload, int RetryAttempt, string? Reason, ReadOnlyMemory<byte> Payload)
{
    public const string Hello = "hello";
    public const string Disconnect = "disconnect";
    public const string EventsApi = "events_api";
    public const string Interactive = "interactive";

    /// <summary>The message's top-level fields, or <c>null</c> when it is not a JSON object <see cref="SlackJsonCheck"/> passes.</summary>
    public static SocketModeMessage? Parse(ReadOnlyMemory<byte> message)
    {
        if (SlackJsonCheck.Problem(message.Span) is not null)
        {
            return null;
        }

        var reader = new Utf8JsonReader(message.Span, new JsonReaderOptions { MaxDepth = SlackJsonCheck.MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        string? type = null, envelopeId = null, reason = null;
        var accepts = false;
        var retryAttempt = 0;
        var payload = ReadOnlyMemory<byte>.Empty;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "type": type = Text(ref reader); break;
                case "envelope_id": envelopeId = Text(ref reader); break;
                case "reason": reason = Text(ref reader); break;
                case "accepts_response_payload": accepts = reader.TokenType == JsonTokenType.True; break;
                case "retry_attempt": retryAttempt = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var attempt) ? attempt : 0; break;
                case "payload" when reader.TokenType == JsonTokenType.StartObject:
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    payload = message[start..(int)reader.BytesConsumed];
                    break;
                default: reader.Skip(); break;
            }
        }

        return new SocketModeMessage(type, envelopeId, accepts, retryAttempt, reason, payload);
    }

    private static string? Text(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
}
