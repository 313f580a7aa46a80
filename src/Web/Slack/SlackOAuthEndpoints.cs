using System.Net;
using CodeStream.Integrations.Application.SlackOAuth.CompleteSlackOAuth;
using MediatR;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>The OAuth v2 redirect URL (spec §7.1): the user's browser lands here; it answers with a small page.</summary>
internal static class SlackOAuthEndpoints
{
    public const string RedirectPath = "/no-auth/provider-token/slack";

    public static IEndpointRouteBuilder MapSlackOAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(RedirectPath, CompleteAsync).AddEndpointFilter<Common.ProblemDetailsFilter>();
        return endpoints;
    }

    private static async Task<IResult> CompleteAsync(HttpContext http, IMediator mediator, Infrastructure.Slack.SlackAppOptions options)
    {
        if (options.Disabled)
        {
            return TypedResults.NotFound();
        }

        var query = http.Request.Query;
        var result = await mediator.Send(
            new CompleteSlackOAuthCommand(query["code"].FirstOrDefault(), query["state"].FirstOrDefault(), query["error"].FirstOrDefault()),
            http.RequestAborted);

        var status = result.Outcome switch
        {
            SlackConnectionOutcome.Connected or SlackConnectionOutcome.Cancelled => StatusCodes.Status200OK,
            SlackConnectionOutcome.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status400BadRequest,
        };

        if (http.Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true))
        {
            return TypedResults.Json(
                new { outcome = result.Outcome.ToString(), message = result.Message, slackTeamId = result.SlackTeamId, slackTeamName = result.SlackTeamName },
                statusCode: status);
        }

        var title = result.Succeeded ? "Slack connected" : result.Outcome == SlackConnectionOutcome.Cancelled ? "Slack connection cancelled" : "Slack connection failed";
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)}</title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto;">
            <h1>{WebUtility.HtmlEncode(title)}</h1>
            <p>{WebUtility.HtmlEncode(result.Message)}</p>
            <p>You can close this window and return to CodeStream.</p>
            </body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
