using System.Text.Json;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>The Events API request URL (spec §5). Verified by <see cref="SlackVerificationFilter"/> before this runs.</summary>
internal static class SlackEventsEndpoints
{
    public static IEndpointRouteBuilder MapSlackEventsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(ProviderActionEndpoints.EventsPath, Receive)
            .AddEndpointFilter<Common.ProblemDetailsFilter>()
            .AddEndpointFilter<SlackVerificationFilter>();
        return endpoints;
    }

    private static IResult Receive(HttpContext http)
    {
        var body = http.Features.Get<SlackRequestBody>()!.Bytes;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return TypedResults.Problem(title: "The body is not JSON.", statusCode: StatusCodes.Status400BadRequest);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return TypedResults.Problem(title: "The body is not a Slack event envelope (no \"type\").", statusCode: StatusCodes.Status400BadRequest);
            }

            if (type.ValueEquals("url_verification"))
            {
                return root.TryGetProperty("challenge", out var challenge) && challenge.ValueKind == JsonValueKind.String
                    ? TypedResults.Json(new { challenge = challenge.GetString() })
                    : TypedResults.Problem(title: "url_verification without a challenge.", statusCode: StatusCodes.Status400BadRequest);
            }

            return TypedResults.Problem(
                title: "Event callbacks are not handled by this host yet.", statusCode: StatusCodes.Status501NotImplemented);
        }
    }
}
