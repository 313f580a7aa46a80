namespace CodeStream.Integrations.Web.Slack;

/// <summary>
/// The answers admins use to test their proxy (docs/slack-behaviour.md, “Endpoints”): a GET to a provider-action path is a 404 whose plain text
/// names the path requested.
/// </summary>
internal static class ProviderActionEndpoints
{
    public const string EventsPath = "/no-auth/provider-action/slack-events";
    public const string InteractivityPath = "/no-auth/provider-action/slack";

    public static IEndpointRouteBuilder MapProviderActionProbes(this IEndpointRouteBuilder endpoints)
    {
        foreach (var path in new[] { InteractivityPath, EventsPath, "/no-auth/provider-action/msteams" })
        {
            // One pattern serves "/slack" and "/slack/" alike; the answer names the path exactly as requested.
            endpoints.MapGet(path, CannotGet);
        }

        return endpoints;
    }

    private static IResult CannotGet(HttpRequest request) =>
        TypedResults.Text($"Cannot GET {request.Path}", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
}
