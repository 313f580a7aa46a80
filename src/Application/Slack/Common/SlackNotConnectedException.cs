namespace CodeStream.Integrations.Application.Slack.Common;

/// <summary>The user has no (or no longer a) Slack token for that workspace: they must connect Slack (HTTP 409).</summary>
public sealed class SlackNotConnectedException(string message) : Exception(message)
{
    public static SlackNotConnectedException For(string userId, string slackTeamId) =>
        new($"User '{userId}' is not connected to Slack workspace '{slackTeamId}': connect Slack first.");

    public static SlackNotConnectedException NoWorkspace(string userId) =>
        new($"User '{userId}' has not connected Slack: connect Slack first.");

    public static SlackNotConnectedException BotNeedsReconnect(string slackTeamId, string? reason) =>
        new($"The Slack bot token for workspace '{slackTeamId}' could not be refreshed ({reason}): someone in that workspace must connect Slack again.");

    public static SlackNotConnectedException Revoked(string slackTeamId) =>
        new($"The Slack token for workspace '{slackTeamId}' was revoked: reconnect Slack.");
}
