namespace CodeStream.Integrations.Application.Slack.Common;

/// <summary>
/// The Slack Web API in this application's terms. The token is passed per call (bot or user token); failures raise
/// <see cref="SlackApiException"/> after rate limits and transient errors were retried.
/// </summary>
public interface ISlackGateway
{
    Task<SlackOAuthGrant> ExchangeOAuthCodeAsync(string code, string redirectUri, CancellationToken cancellationToken);

    /// <summary><c>oauth.v2.exchange</c>: a long-lived token traded for a rotating one (token rotation was turned on).</summary>
    Task<SlackRefreshedToken> ExchangeTokenAsync(string longLivedToken, CancellationToken cancellationToken);

    Task<SlackRefreshedToken> RefreshTokenAsync(string refreshToken, CancellationToken cancellationToken);

    Task<SlackPostedMessage> PostMessageAsync(
        string token, string channelId, SlackMessageContent content, string? threadTs, CancellationToken cancellationToken);

    Task UpdateMessageAsync(string token, string channelId, string ts, SlackMessageContent content, CancellationToken cancellationToken);

    Task DeleteMessageAsync(string token, string channelId, string ts, CancellationToken cancellationToken);

    Task<string?> GetPermalinkAsync(string token, string channelId, string ts, CancellationToken cancellationToken);

    /// <summary>Invites users to a channel; being in the channel already counts as success.</summary>
    Task InviteToChannelAsync(string token, string channelId, IReadOnlyList<string> userIds, CancellationToken cancellationToken);

    /// <summary>Opens (or finds) the DM or group DM with these users and returns its channel id.</summary>
    Task<string> OpenConversationAsync(string token, IReadOnlyList<string> userIds, CancellationToken cancellationToken);

    /// <summary><c>conversations.info</c>: the conversation's kind and name (a DM's other person as <c>DmUserId</c>).</summary>
    Task<SlackConversation> GetConversationAsync(string token, string channelId, CancellationToken cancellationToken);

    /// <summary>Every conversation the token's user is in (all pages), archived ones excluded.</summary>
    Task<IReadOnlyList<SlackConversation>> ListUserConversationsAsync(string token, CancellationToken cancellationToken);

    /// <summary>
    /// The ts of the message carrying <paramref name="marker"/> posted after <paramref name="since"/>: among the
    /// conversation's messages (<c>conversations.history</c>) or a thread's (<c>conversations.replies</c>) when
    /// <paramref name="threadTs"/> is given; <c>null</c> when there is none.
    /// </summary>
    Task<string?> FindMarkedMessageAsync(
        string token, string channelId, string? threadTs, DateTimeOffset since, SlackMessageMarker marker, CancellationToken cancellationToken);

    /// <summary><c>auth.test</c>: the workspace's URL (<c>https://{domain}.slack.com/</c>).</summary>
    Task<string?> GetWorkspaceUrlAsync(string token, CancellationToken cancellationToken);

    Task<SlackUserProfile> GetUserInfoAsync(string token, string userId, CancellationToken cancellationToken);

    /// <summary>The Slack user with this e-mail, or <c>null</c> when there is none.</summary>
    Task<SlackUserProfile?> LookupUserByEmailAsync(string token, string email, CancellationToken cancellationToken);

    Task SetUserStatusAsync(string token, string text, string emoji, long expiration, CancellationToken cancellationToken);

    /// <summary>Opens a modal; returns the view id.</summary>
    Task<string> OpenViewAsync(string token, string triggerId, string viewJson, CancellationToken cancellationToken);

    /// <summary>
    /// One page of a thread (<c>conversations.replies</c>, bot token): the root first, then replies from
    /// <paramref name="oldest"/> on (inclusive), each message as Slack's JSON; the cursor of the next page or null.
    /// </summary>
    Task<SlackThreadPage> GetThreadPageAsync(
        string token, string channelId, string threadTs, string? oldest, string? cursor, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// <c>apps.connections.open</c> with the app-level token (<c>xapp-…</c>): a single-use WebSocket URL for one
    /// Socket Mode connection.
    /// </summary>
    Task<Uri> OpenSocketModeConnectionAsync(string appLevelToken, CancellationToken cancellationToken);
}
