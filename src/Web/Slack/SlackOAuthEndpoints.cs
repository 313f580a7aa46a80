using CodeStream.Integrations.Application.Slack.Connect.CompleteSlackOAuth;
using CodeStream.Integrations.Application.Slack.Connect.OpenSlackConsent;
using CodeStream.Integrations.Infrastructure.Slack;
using MediatR;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>
/// The connect flow in the user's browser: the connect link opens <c>…/start</c>, which sets the connect cookie and
/// redirects to Slack's consent page; Slack sends the browser back to the redirect URL, which checks that cookie.
/// Both answer with a small page (or JSON when asked for it).
/// </summary>
internal static class SlackOAuthEndpoints
{
    public const string RedirectPath = "/no-auth/provider-token/slack";
    public const string StartPath = RedirectPath + "/start";

    public static IEndpointRouteBuilder MapSlackOAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(StartPath, StartAsync).AddEndpointFilter<Common.ProblemDetailsFilter>();
        endpoints.MapGet(RedirectPath, CompleteAsync).AddEndpointFilter<Common.ProblemDetailsFilter>();
        return endpoints;
    }

    private static async Task<IResult> StartAsync(HttpContext http, IMediator mediator, SlackAppOptions options, SlackConnectCookie cookie)
    {
        if (options.Disabled)
        {
            return TypedResults.NotFound();
        }

        var start = await mediator.Send(new OpenSlackConsentCommand(http.Request.Query["ticket"].FirstOrDefault()), http.RequestAborted);
        SlackConnectPage.NoStore(http.Response);
        if (start.Refusal is { } refusal)
        {
            return SlackConnectPage.Render(http, refusal);
        }

        cookie.Set(http, start.BrowserNonce!, start.ExpiresAt);
        return TypedResults.Redirect(start.SlackAuthorizeUrl!.ToString());
    }

    private static async Task<IResult> CompleteAsync(HttpContext http, IMediator mediator, SlackAppOptions options, SlackConnectCookie cookie)
    {
        if (options.Disabled)
        {
            return TypedResults.NotFound();
        }

        var query = http.Request.Query;
        var result = await mediator.Send(
            new CompleteSlackOAuthCommand(query["code"].FirstOrDefault(), query["state"].FirstOrDefault(), query["error"].FirstOrDefault(), cookie.Read(http)),
            http.RequestAborted);

        // The cookie has served its one flow, whatever the outcome.
        cookie.Delete(http);
        SlackConnectPage.NoStore(http.Response);
        return SlackConnectPage.Render(http, result);
    }
}
