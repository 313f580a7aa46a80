using System.Diagnostics.Metrics;
using CodeStream.Integrations.Infrastructure.Slack;

namespace CodeStream.Integrations.Web.Slack.SocketMode;

internal static class SocketModeRegistration
{
    /// <summary>With <c>socketMode</c> on: the connections, their envelope handler, and their part of <c>/health/ready</c>.</summary>
    public static IServiceCollection AddSlackSocketMode(this IServiceCollection services, SlackAppOptions options, IHealthChecksBuilder health)
    {
        if (!options.SocketModeOn)
        {
            return services;
        }

        services.AddScoped<SocketModeEnvelopeHandler>();
        services.AddSingleton(provider => new SocketModeStatus(
            provider.GetRequiredService<IMeterFactory>(), provider.GetRequiredService<TimeProvider>(), options.SocketModeConnections));
        services.AddHostedService<SocketModeClient>();
        health.AddCheck<SocketModeHealthCheck>("slack-socket-mode", tags: ["ready"]);
        return services;
    }
}
