using CodeStream.Integrations.Infrastructure.Slack;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>Says once, at start, what the Slack configuration leaves out, so operators see it before users do.</summary>
internal sealed partial class SlackStartupWarnings(SlackAppOptions options, SlackSigningSecrets secrets, ILogger<SlackStartupWarnings> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Disabled)
        {
            LogDisabled(logger, options.Section);
            return Task.CompletedTask;
        }

        if (options.SocketModeOn)
        {
            LogSocketMode(logger, options.Section, options.SocketModeConnections);
        }
        else if (secrets.IsEmpty)
        {
            LogNoSigningSecret(logger, options.Section);
        }

        if (!options.OAuthConfigured)
        {
            LogNoOAuth(logger, options.Section);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning,
        Message = "Slack signing secret is not configured ({Section}:appSigningSecret): every Slack request will be rejected")]
    private static partial void LogNoSigningSecret(ILogger logger, string section);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information,
        Message = "Slack Socket Mode is on ({Section}:socketMode): events and interactivity arrive over {Connections} outbound connections; the request URLs are not needed")]
    private static partial void LogSocketMode(ILogger logger, string section, int connections);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "Slack OAuth is not configured ({Section}:appClientId/appClientSecret): users cannot connect Slack")]
    private static partial void LogNoOAuth(ILogger logger, string section);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Slack integration is disabled ({Section}:disabled)")]
    private static partial void LogDisabled(ILogger logger, string section);
}
