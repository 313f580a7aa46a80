using System.Text;
using System.Text.Json;
using CodeStream.Integrations.Application.Slack.Events.AcceptSlackEvent;
using CodeStream.Integrations.Infrastructure.Observability;
using MediatR;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>
/// What a verified Events API envelope means, for the request URL and a Socket Mode <c>events_api</c> envelope alike:
/// <c>url_verification</c> is answered with its challenge, every <c>event_callback</c> is stored in the durable inbox
/// (a redelivery is acknowledged and not stored twice), <c>app_rate_limited</c> is acknowledged, anything else is refused
/// naming what is wrong.
/// </summary>
internal sealed class SlackEventIntake(IMediator mediator, IntegrationMetrics metrics)
{
    public async Task<SlackReceipt> ReceiveAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (SlackJsonCheck.Problem(body.Span) is { } problem)
        {
            return SlackReceipt.Refuse(problem);
        }

        var (type, eventId, challenge) = ReadEnvelope(body.Span);
        switch (type)
        {
            case "url_verification":
                return challenge is null
                    ? SlackReceipt.Refuse("url_verification needs a string \"challenge\".")
                    : SlackReceipt.Answer(JsonSerializer.Serialize(new { challenge }));
            case "event_callback":
                if (eventId is null)
                {
                    return SlackReceipt.Refuse("event_callback needs a string \"event_id\".");
                }

                var stored = await mediator.Send(new AcceptSlackEventCommand(eventId, Encoding.UTF8.GetString(body.Span)), cancellationToken);
                metrics.EventReceived(duplicate: !stored);
                return SlackReceipt.Acknowledged;
            case "app_rate_limited":
                return SlackReceipt.Acknowledged;
            case null:
                return SlackReceipt.Refuse("The body is not a Slack event envelope (a JSON object with a string \"type\").");
            default:
                return SlackReceipt.Refuse("Unsupported envelope type.");
        }
    }

    /// <summary>Only the top-level fields routing needs, from a body <see cref="SlackJsonCheck"/> passed; the event itself is read later from the stored JSON.</summary>
    private static (string? Type, string? EventId, string? Challenge) ReadEnvelope(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = SlackJsonCheck.MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return (null, null, null);
        }

        string? type = null, eventId = null, challenge = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueTextEquals("type"u8) ? 1 : reader.ValueTextEquals("event_id"u8) ? 2 : reader.ValueTextEquals("challenge"u8) ? 3 : 0;
            reader.Read();
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            switch (name)
            {
                case 1: type = text; break;
                case 2: eventId = text; break;
                case 3: challenge = text; break;
            }

            reader.Skip();
        }

        return (type, eventId, challenge);
    }
}
