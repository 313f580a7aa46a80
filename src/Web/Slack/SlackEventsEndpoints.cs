using System.Text;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>
/// The Events API request URL (docs/slack-behaviour.md, “Events”), verified by <see cref="SlackVerificationFilter"/> first:
/// acknowledges <c>ssl_check</c>, and hands every JSON envelope to <see cref="SlackEventIntake"/> (which Socket Mode
/// shares): 200 once stored, the challenge for <c>url_verification</c>, 400 naming what is wrong otherwise.
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

    private static async Task<IResult> ReceiveAsync(HttpContext http, SlackEventIntake intake)
    {
        var body = http.Features.Get<SlackRequestBody>()!.Bytes;
        if (http.Request.HasFormContentType)
        {
            return Encoding.UTF8.GetString(body).Split('&').Contains("ssl_check=1")
                ? TypedResults.Ok()
                : Refuse("A form body is only accepted for ssl_check.");
        }

        return (await intake.ReceiveAsync(body, http.RequestAborted)).ToHttpResult((detail, _) => Refuse(detail));
    }

    private static IResult Refuse(string detail) =>
        TypedResults.Problem(title: "Not a Slack event this endpoint accepts.", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
