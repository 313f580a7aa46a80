using System.Text;
using System.Text.Json;

namespace CodeStream.Integrations.Web.Slack.SocketMode;

/// <summary>
/// Runs one Socket Mode envelope through the same code as the request URLs and says what to acknowledge with:
/// <c>events_api</c> is stored in the durable inbox first (<see cref="SlackEventIntake"/>), <c>interactive</c> goes
/// through <see cref="SlackInteractionIntake"/> and, when Slack accepts a response payload, the modal's response action
/// rides on the acknowledgement; <c>slash_commands</c> and unknown types are acknowledged and do nothing. A refused
/// payload is acknowledged too (Slack retrying it would not help); a failure (the database is down) is not, so Slack
/// delivers the envelope again.
/// </summary>
internal sealed partial class SocketModeEnvelopeHandler(
    SlackEventIntake events, SlackInteractionIntake interactions, ILogger<SocketModeEnvelopeHandler> logger)
{
    /// <summary>The acknowledgement to send back on the connection.</summary>
    public async Task<string> HandleAsync(SocketModeMessage envelope, CancellationToken cancellationToken)
    {
        var receipt = envelope.Type switch
        {
            SocketModeMessage.EventsApi => await events.ReceiveAsync(envelope.Payload, cancellationToken),
            SocketModeMessage.Interactive => await interactions.ReceiveAsync(envelope.Payload, cancellationToken),
            _ => SlackReceipt.Acknowledged,
        };
        if (receipt.Kind == SlackReceiptKind.Refused)
        {
            LogRefused(logger, envelope.Type, envelope.EnvelopeId, receipt.Detail);
        }

        var answer = receipt.Kind == SlackReceiptKind.Answered && envelope.AcceptsResponsePayload && envelope.Type == SocketModeMessage.Interactive
            ? receipt.Json
            : null;
        return Acknowledgement(envelope.EnvelopeId!, answer);
    }

    /// <summary><c>{"envelope_id":"…"}</c>, with <c>"payload"</c> when there is an answer.</summary>
    public static string Acknowledgement(string envelopeId, string? payloadJson)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("envelope_id"u8, envelopeId);
            if (payloadJson is not null)
            {
                json.WritePropertyName("payload"u8);
                json.WriteRawValue(payloadJson, skipInputValidation: true);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    [LoggerMessage(EventId = 4210, Level = LogLevel.Warning,
        Message = "Socket Mode {EnvelopeType} envelope {EnvelopeId} refused and acknowledged: {Detail}")]
    private static partial void LogRefused(ILogger logger, string? envelopeType, string? envelopeId, string? detail);
}
