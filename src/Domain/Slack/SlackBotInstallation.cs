using CodeStream.Integrations.Domain.Core.Teams;

namespace CodeStream.Integrations.Domain.Slack;

/// <summary>
/// The app's bot in one Slack workspace, for one CodeStream team. The token is plain here and encrypted at rest.
/// <see cref="WorkspaceUrl"/> (<c>https://{domain}.slack.com/</c>, from <c>auth.test</c> at install) lets permalinks be
/// built without asking Slack for each message. With token rotation the token expires: <see cref="RefreshToken"/>
/// renews it (single-use) before <see cref="ExpiresAt"/>.
/// </summary>
public sealed record SlackBotInstallation(
    TeamId TeamId,
    SlackTeamId SlackTeamId,
    string? SlackTeamName,
    SlackUserId BotUserId,
    string? AppId,
    string BotToken,
    string Scopes,
    DateTimeOffset InstalledAt,
    string? WorkspaceUrl = null,
    string? RefreshToken = null,
    DateTimeOffset? ExpiresAt = null,
    string? ReconnectReason = null)
{
    /// <summary>A rotating token is refreshed this close to its expiry (long-lived tokens, without a refresh token, never are).</summary>
    public bool NeedsRefresh(DateTimeOffset now, TimeSpan margin) => RefreshToken is not null && ExpiresAt is { } at && at - margin <= now;

    /// <summary>Slack refused to refresh the token: nothing works in this workspace until someone connects it again.</summary>
    public bool NeedsReconnect => ReconnectReason is not null;

    /// <summary>
    /// The message's permalink in Slack's own format, or <c>null</c> when the workspace URL is not known:
    /// <c>{url}archives/{channel}/p{ts without the dot}</c>, and for a thread reply <c>?thread_ts={root}&amp;cid={channel}</c>.
    /// </summary>
    public string? PermalinkTo(SlackChannelId channel, SlackTs ts, SlackTs? threadRoot)
    {
        if (WorkspaceUrl is not { Length: > 0 } url || !Uri.TryCreate(url, UriKind.Absolute, out var workspace) || workspace.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        var link = $"{url.TrimEnd('/')}/archives/{channel.Value}/p{ts.Value.Replace(".", string.Empty, StringComparison.Ordinal)}";
        return threadRoot is { } root && root != ts ? $"{link}?thread_ts={root.Value}&cid={channel.Value}" : link;
    }

    /// <summary>Never print the token, even by accident through a record's generated <c>ToString</c>.</summary>
    public override string ToString() => $"SlackBotInstallation {{ TeamId = {TeamId}, SlackTeamId = {SlackTeamId}, BotUserId = {BotUserId} }}";
}
