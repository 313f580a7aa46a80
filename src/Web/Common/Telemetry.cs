using CodeStream.Integrations.Infrastructure.Observability;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CodeStream.Integrations.Web.Common;

/// <summary>
/// OpenTelemetry metrics and traces, exported over OTLP when an endpoint is configured (<c>otel:endpoint</c>, or the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>). Without one nothing is exported; the meter still feeds any listener
/// (e.g. <c>dotnet-counters monitor --counters CodeStream.Integrations</c>).
/// </summary>
internal static class Telemetry
{
    public const string EndpointKey = "otel:endpoint";

    public static IServiceCollection AddIntegrationTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration[EndpointKey] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return services;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var otlp))
        {
            throw new InvalidOperationException($"Configuration key '{EndpointKey}' must be an absolute URL; it is '{endpoint}'.");
        }

        services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter(IntegrationMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(options => options.Endpoint = otlp))
            .WithTracing(tracing => tracing
                .AddSource(IntegrationMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(options => options.Endpoint = otlp));
        return services;
    }
}
