using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;

namespace CodeStream.Integrations.Domain.Slack;

/// <summary>A user's own Slack token for one workspace (used to share as that person). Encrypted at rest.</summary>
public sealed record SlackUserInstallation(
    UserId UserId,
    TeamId TeamId,
    SlackTeamId SlackTeamId,
    SlackUserId SlackUserId,
    string AccessToken,
    string Scopes,
    string? RefreshToken,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset InstalledAt)
{
    public bool NeedsRefresh(DateTimeOffset now, TimeSpan margin) => RefreshToken is not null && ExpiresAt is { } at && at - margin <= now;

    /// <summary>Never print the tokens, even by accident through a record's generated <c>ToString</c>.</summary>
    public override string ToString() => $"SlackUserInstallation {{ UserId = {UserId}, SlackTeamId = {SlackTeamId}, SlackUserId = {SlackUserId} }}";
}
