using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CodeStream.Integrations.Web.Setup;

/// <summary>Health (spec §10) and the manifest for the product API (spec §9).</summary>
internal static class SetupEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return endpoints;
    }

    public static RouteGroupBuilder MapManifestEndpoint(this RouteGroupBuilder api)
    {
        api.MapGet("/slack/manifest", (IConfiguration configuration) =>
            TypedResults.Text(SlackAppManifest.ToJson(SlackAppManifest.Build(configuration)), "application/json; charset=utf-8"));
        return api;
    }
}
