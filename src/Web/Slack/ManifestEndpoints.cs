namespace CodeStream.Integrations.Web.Slack;

/// <summary><c>GET /api/v1/slack/manifest</c>: the Slack app manifest for this host's URLs (product API key required).</summary>
internal static class ManifestEndpoints
{
    public static RouteGroupBuilder MapManifestEndpoint(this RouteGroupBuilder api)
    {
        api.MapGet("/slack/manifest", (IConfiguration configuration) =>
            TypedResults.Text(SlackAppManifest.ToJson(SlackAppManifest.Build(configuration)), "application/json; charset=utf-8"))
            .WithSummary("The Slack app manifest for this host's URLs")
            .Produces<string>(StatusCodes.Status200OK, "application/json");
        return api;
    }
}
