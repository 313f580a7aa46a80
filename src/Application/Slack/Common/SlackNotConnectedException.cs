namespace CodeStream.Integrations.Application.Slack.Common;

/// <summary>The user has no (or no longer a) Slack token for that workspace: they must connect Slack (HTTP 409).</summary>
public sealed class SlackNotConnectedException(string message) : Exception(message)
{
    public static SlackNotConnectedException For(string userId, string slackTeamId) =>
        new($"User '{userId}' is not connected to Slack workspace '{slackTeamId}': connect Slack first.");

    public static SlackNotConnectedException Revoked(string slackTeamId) =>
        new($"The Slack token for workspace '{slackTeamId}' was revoked: reconnect Slack.");
}
