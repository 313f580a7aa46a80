using System.Text;
using System.Text.Json;
using CodeStream.Integrations.Application.Slack.Events.AcceptSlackEvent;
using MediatR;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>
/// The Events API request URL (docs/slack-behaviour.md, “Events”), verified by <see cref="SlackVerificationFilter"/> first: answers
/// <c>url_verification</c>, stores every <c>event_callback</c> in the durable inbox before its 200 (a redelivery is
/// acknowledged and not stored twice), acknowledges <c>ssl_check</c> and <c>app_rate_limited</c>, and refuses anything
/// that is not an event envelope with a 400 naming what is wrong.
/// </summary>
internal static class SlackEventsEndpoints
{
    public static IEndpointRouteBuilder MapSlackEventsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(ProviderActionEndpoints.EventsPath, ReceiveAsync)
            .AddEndpointFilter<Common.ProblemDetailsFilter>()
            .AddEndpointFilter<SlackVerificationFilter>();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, IMediator mediator, Infrastructure.Observability.IntegrationMetrics metrics)
    {
        var body = http.Features.Get<SlackRequestBody>()!.Bytes;
        if (http.Request.HasFormContentType)
        {
            return Encoding.UTF8.GetString(body).Split('&').Contains("ssl_check=1")
                ? TypedResults.Ok()
                : Refuse("A form body is only accepted for ssl_check.");
        }

        if (SlackJsonCheck.Problem(body) is { } problem)
        {
            return Refuse(problem);
        }

        var (type, eventId, challenge) = ReadEnvelope(body);

        switch (type)
        {
            case "url_verification":
                return challenge is null ? Refuse("url_verification needs a string \"challenge\".") : TypedResults.Json(new { challenge });
            case "event_callback":
                if (eventId is null)
                {
                    return Refuse("event_callback needs a string \"event_id\".");
                }

                var stored = await mediator.Send(new AcceptSlackEventCommand(eventId, Encoding.UTF8.GetString(body)), http.RequestAborted);
                metrics.EventReceived(duplicate: !stored);
                return TypedResults.Ok();
            case "app_rate_limited":
                return TypedResults.Ok();
            case null:
                return Refuse("The body is not a Slack event envelope (a JSON object with a string \"type\").");
            default:
                return Refuse($"Unsupported envelope type.");
        }
    }

    /// <summary>Only the top-level fields routing needs, from a body <see cref="SlackJsonCheck"/> passed; the event itself is read later from the stored JSON.</summary>
    private static (string? Type, string? EventId, string? Challenge) ReadEnvelope(byte[] body)
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

    private static IResult Refuse(string detail) =>
        TypedResults.Problem(title: "Not a Slack event this endpoint accepts.", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
