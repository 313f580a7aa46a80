namespace CodeStream.Integrations.Application.Slack.Common;

/// <summary>The Slack integration cannot serve this request as configured: disabled, or OAuth not set up (HTTP 503).</summary>
public sealed class SlackUnavailableException(string message) : Exception(message)
{
    public static SlackUnavailableException Disabled() => new("Slack integration is disabled.");

    public static SlackUnavailableException OAuthNotConfigured() => new(
        "Slack OAuth is not configured: set appClientId and appClientSecret in the Slack block (integrations:slack:cloud, or the one integrations:slack:active names).");
}
