using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CodeStream.Integrations.Web.Health;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (the database answers and, with Socket Mode, a
/// connection to Slack is up). The body is the status word; a caller that accepts <c>application/json</c> gets each
/// check's status, description and data (Socket Mode's connection counts and times), never a secret.
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteAsync });
        return endpoints;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        if (!http.Request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
        {
            http.Response.ContentType = "text/plain";
            return http.Response.WriteAsync(report.Status.ToString());
        }

        http.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description, data = entry.Value.Data }),
        });
    }
}
