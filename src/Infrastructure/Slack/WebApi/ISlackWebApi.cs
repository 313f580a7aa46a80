using System.Text.Json.Nodes;
using Refit;

namespace CodeStream.Integrations.Infrastructure.Slack.WebApi;

/// <summary>
/// The Slack Web API methods this integration calls (Refit). Arguments go form-encoded, or as JSON where Slack takes
/// Block Kit; the token goes per call in the Authorization header, never in a URL.
/// </summary>
internal interface ISlackWebApi
{
    [Post("/oauth.v2.access")]
    Task<OAuthAccessResponse> OAuthAccessAsync([Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken);

    /// <summary>oauth.v2.access with a refresh token: marked single-use, so the resilience pipeline never sends it twice.</summary>
    [Post("/oauth.v2.access")]
    Task<OAuthAccessResponse> OAuthRefreshAsync(
        [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form,
        [Property(SlackWebApiRegistration.SingleUseGrant)] bool singleUse,
        CancellationToken cancellationToken);

    [Post("/oauth.v2.exchange")]
    Task<OAuthAccessResponse> OAuthExchangeAsync([Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken);

    [Post("/chat.postMessage")]
    Task<MessageResponse> PostMessageAsync([Authorize] string token, [Body] JsonObject message, CancellationToken cancellationToken);

    [Post("/chat.update")]
    Task<MessageResponse> UpdateMessageAsync([Authorize] string token, [Body] JsonObject message, CancellationToken cancellationToken);

    [Post("/chat.delete")]
    Task<MessageResponse> DeleteMessageAsync(
        [Authorize] string token, [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken);

    [Post("/chat.getPermalink")]
    Task<PermalinkResponse> GetPermalinkAsync(
        [Authorize] string token, [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken);

    [Post("/conversations.invite")]
    Task<SlackResponse> InviteAsync(
        [Authorize] string token, [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken);

    [Post("/conversations.info")]
    Task<ConversationOpenResponse> ConversationInfoAsync(
        [Authorize] string token, [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken);

    [Post("/conversations.open")]
    Task<ConversationOpenResponse> OpenConversationAsync(
        [Authorize] string token, [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken);

    [Post("/users.conversations")]
    Task<ConversationsResponse> UserConversationsAsync(
        [Authorize] string token, [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken);

    [Post("/conversations.history")]
    Task<MessagesResponse> HistoryAsync(
        [Authorize] string token, [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken);

    [Post("/conversations.replies")]
    Task<MessagesResponse> RepliesAsync(
        [Authorize] string token, [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken);

    [Post("/conversations.replies")]
    Task<RawMessagesResponse> ThreadPageAsync(
        [Authorize] string token, [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken);

    [Post("/auth.test")]
    Task<AuthTestResponse> AuthTestAsync([Authorize] string token, CancellationToken cancellationToken);

    [Post("/users.info")]
    Task<UserResponse> UserInfoAsync(
        [Authorize] string token, [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken);

    [Post("/users.lookupByEmail")]
    Task<UserResponse> LookupByEmailAsync(
        [Authorize] string token, [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken);

    [Post("/users.profile.set")]
    Task<SlackResponse> SetProfileAsync([Authorize] string token, [Body] JsonObject body, CancellationToken cancellationToken);

    [Post("/apps.connections.open")]
    Task<SocketModeConnectionResponse> OpenSocketModeConnectionAsync([Authorize] string token, CancellationToken cancellationToken);

    [Post("/views.open")]
    Task<ViewResponse> OpenViewAsync([Authorize] string token, [Body] JsonObject body, CancellationToken cancellationToken);
}
