using CodeStream.Integrations.Domain.Core.Teams;

namespace CodeStream.Integrations.Domain.Slack;

/// <summary>The app's bot in one Slack workspace, for one CodeStream team. The token is plain here and encrypted at rest.</summary>
public sealed record SlackBotInstallation(
    TeamId TeamId,
    SlackTeamId SlackTeamId,
    string? SlackTeamName,
    SlackUserId BotUserId,
    string? AppId,
    string BotToken,
    string Scopes,
    DateTimeOffset InstalledAt)
{
    /// <summary>Never print the token, even by accident through a record's generated <c>ToString</c>.</summary>
    public override string ToString() => $"SlackBotInstallation {{ TeamId = {TeamId}, SlackTeamId = {SlackTeamId}, BotUserId = {BotUserId} }}";
}
