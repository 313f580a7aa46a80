namespace CodeStream.Integrations.Application.Slack.Common;

/// <summary>The Slack integration cannot serve this request as configured: disabled, or OAuth not set up (HTTP 503).</summary>
public sealed class SlackUnavailableException(string message) : Exception(message)
{
    public static SlackUnavailableException Disabled() => new("Slack integration is disabled.");

    public static SlackUnavailableException OAuthNotConfigured() => new(
        "Slack OAuth is not configured: set integrations:slack:cloud:appClientId and appClientSecret.");
}
