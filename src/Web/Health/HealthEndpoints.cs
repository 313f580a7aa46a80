using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CodeStream.Integrations.Web.Health;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (the database answers).</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return endpoints;
    }
}
