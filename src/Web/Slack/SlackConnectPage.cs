using System.Net;
using CodeStream.Integrations.Application.Slack.Connect.CompleteSlackOAuth;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>The small page (or JSON, when the caller accepts it) that ends or stops a connect flow in the user's browser.</summary>
internal static class SlackConnectPage
{
    public static IResult Render(HttpContext http, SlackConnectionResult result)
    {
        var status = result.Outcome switch
        {
            SlackConnectionOutcome.Connected or SlackConnectionOutcome.Cancelled => StatusCodes.Status200OK,
            SlackConnectionOutcome.EmailMismatch => StatusCodes.Status403Forbidden,
            SlackConnectionOutcome.IdentityLinkedElsewhere => StatusCodes.Status409Conflict,
            SlackConnectionOutcome.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status400BadRequest,
        };

        if (http.Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true))
        {
            return TypedResults.Json(
                new
                {
                    outcome = result.Outcome.ToString(),
                    message = result.Message,
                    slackTeamId = result.SlackTeamId,
                    slackTeamName = result.SlackTeamName,
                    slackUserName = result.SlackUserName,
                    codeStreamUser = result.CodeStreamUser,
                },
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

    /// <summary>These pages answer one browser once: not cached, and their URL (code, state) never sent on as a referrer.</summary>
    public static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
