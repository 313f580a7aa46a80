namespace CodeStream.Integrations.Application.Slack.Common;

/// <summary>What <c>oauth.v2.access</c> granted: the workspace's bot token and the installing user's token.</summary>
public sealed record SlackOAuthGrant(
    string SlackTeamId,
    string? SlackTeamName,
    string? AppId,
    string BotUserId,
    string BotToken,
    string BotScopes,
    string SlackUserId,
    string UserToken,
    string UserScopes,
    string? UserRefreshToken,
    TimeSpan? UserTokenLifetime,
    string? BotRefreshToken = null,
    TimeSpan? BotTokenLifetime = null)
{
    public override string ToString() => $"SlackOAuthGrant {{ SlackTeamId = {SlackTeamId}, SlackUserId = {SlackUserId} }}";
}

/// <summary>A rotated token (token rotation on).</summary>
public sealed record SlackRefreshedToken(string AccessToken, string? RefreshToken, TimeSpan? Lifetime)
{
    public override string ToString() => "SlackRefreshedToken { … }";
}

/// <summary>A message to post or update: Block Kit blocks as JSON plus the plain-text fallback.</summary>
public sealed record SlackMessageContent(
    string Text, string? BlocksJson = null, string? Username = null, string? IconUrl = null, SlackMessageMarker? Marker = null);

/// <summary>
/// What a message says about itself in Slack's message <c>metadata</c> (<c>event_type</c> and an id): how a retry
/// finds the message an earlier attempt posted but never heard back about, instead of posting a twin.
/// </summary>
public sealed record SlackMessageMarker(string EventType, string Id)
{
    public const string Share = "codestream_share";
    public const string ReplyCopy = "codestream_reply";
}

public sealed record SlackPostedMessage(string ChannelId, string Ts);

public sealed record SlackUserProfile(
    string Id, string? TeamId, string Name, string? RealName, string? DisplayName, string? Email, string? TimeZone, bool IsBot, bool Deleted);

/// <summary>A conversation a user can share into (channel, private channel, group DM or DM).</summary>
public sealed record SlackConversation(
    string Id, string? Name, bool IsChannel, bool IsPrivate, bool IsMpim, bool IsIm, bool IsArchived, string? DmUserId);

/// <summary>A page of a thread's messages, each as Slack's JSON, and the cursor of the next page (null on the last).</summary>
public sealed record SlackThreadPage(IReadOnlyList<string> MessagesJson, string? NextCursor);
