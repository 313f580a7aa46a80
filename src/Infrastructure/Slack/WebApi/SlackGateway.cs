using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Application.Slack.Common;
using Polly.Timeout;
using Refit;

namespace CodeStream.Integrations.Infrastructure.Slack.WebApi;

/// <summary>
/// <see cref="ISlackGateway"/> over the Refit client: maps arguments to Slack's, <c>ok:false</c> to
/// <see cref="SlackApiException"/> with Slack's code, and transport failures that outlived the retries to
/// <see cref="SlackApiException.Unavailable"/>.
/// </summary>
internal sealed class SlackGateway(
    ISlackWebApi api, SlackAppOptions options, SlackRateLimitGovernor governor, SlackExpiredTokens expired, Observability.IntegrationMetrics metrics) : ISlackGateway
{
    private const int PageSize = 200;

    public async Task<SlackOAuthGrant> ExchangeOAuthCodeAsync(string code, string redirectUri, CancellationToken cancellationToken)
    {
        var form = ClientCredentials();
        form["code"] = code;
        form["redirect_uri"] = redirectUri;
        var response = await CallAsync("oauth.v2.access", null, () => api.OAuthAccessAsync(form, cancellationToken)).ConfigureAwait(false);
        var user = response.AuthedUser;
        if (response.Team?.Id is null || response.AccessToken is null || response.BotUserId is null || user?.Id is null || user.AccessToken is null)
        {
            throw new SlackApiException("oauth.v2.access", "incomplete_grant");
        }

        return new SlackOAuthGrant(
            response.Team.Id,
            response.Team.Name,
            response.AppId,
            response.BotUserId,
            response.AccessToken,
            response.Scope ?? string.Empty,
            user.Id,
            user.AccessToken,
            user.Scope ?? string.Empty,
            user.RefreshToken,
            user.ExpiresIn is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            response.RefreshToken,
            response.ExpiresIn is { } botSeconds ? TimeSpan.FromSeconds(botSeconds) : null);
    }

    public async Task<SlackRefreshedToken> RefreshTokenAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var form = ClientCredentials();
        form["grant_type"] = "refresh_token";
        form["refresh_token"] = refreshToken;
        return Rotated("oauth.v2.access", await CallAsync("oauth.v2.access", null, () => api.OAuthRefreshAsync(form, singleUse: true, cancellationToken)).ConfigureAwait(false));
    }

    public async Task<SlackRefreshedToken> ExchangeTokenAsync(string longLivedToken, CancellationToken cancellationToken)
    {
        var form = ClientCredentials();
        form["token"] = longLivedToken;
        return Rotated("oauth.v2.exchange", await CallAsync("oauth.v2.exchange", null, () => api.OAuthExchangeAsync(form, cancellationToken)).ConfigureAwait(false));
    }

    private static SlackRefreshedToken Rotated(string method, OAuthAccessResponse response)
    {
        var token = response.AccessToken ?? response.AuthedUser?.AccessToken ?? throw new SlackApiException(method, "incomplete_grant");
        var expiresIn = response.ExpiresIn ?? response.AuthedUser?.ExpiresIn;
        return new SlackRefreshedToken(
            token, response.RefreshToken ?? response.AuthedUser?.RefreshToken, expiresIn is { } s ? TimeSpan.FromSeconds(s) : null);
    }

    public async Task<SlackPostedMessage> PostMessageAsync(
        string token, string channelId, SlackMessageContent content, string? threadTs, CancellationToken cancellationToken)
    {
        var message = MessageBody(channelId, content);
        message["unfurl_links"] = false;
        message["unfurl_media"] = false;
        if (threadTs is not null)
        {
            message["thread_ts"] = threadTs;
        }

        var response = await CallAsync("chat.postMessage", token, () => api.PostMessageAsync(token, message, cancellationToken)).ConfigureAwait(false);
        return new SlackPostedMessage(response.Channel ?? channelId, response.Ts ?? throw new SlackApiException("chat.postMessage", "no_ts"));
    }

    public Task UpdateMessageAsync(string token, string channelId, string ts, SlackMessageContent content, CancellationToken cancellationToken)
    {
        var message = MessageBody(channelId, content);
        message["ts"] = ts;
        return CallAsync("chat.update", token, () => api.UpdateMessageAsync(token, message, cancellationToken));
    }

    public Task DeleteMessageAsync(string token, string channelId, string ts, CancellationToken cancellationToken) =>
        CallAsync("chat.delete", token, () => api.DeleteMessageAsync(token, Form(("channel", channelId), ("ts", ts)), cancellationToken));

    public async Task<string?> GetPermalinkAsync(string token, string channelId, string ts, CancellationToken cancellationToken)
    {
        var response = await CallAsync(
            "chat.getPermalink", token, () => api.GetPermalinkAsync(token, Form(("channel", channelId), ("message_ts", ts)), cancellationToken))
            .ConfigureAwait(false);
        return response.Permalink;
    }

    public async Task InviteToChannelAsync(string token, string channelId, IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(
                "conversations.invite",
                token,
                () => api.InviteAsync(token, Form(("channel", channelId), ("users", string.Join(',', userIds))), cancellationToken))
                .ConfigureAwait(false);
        }
        catch (SlackApiException exception) when (exception.Error == "already_in_channel")
        {
            // Already there is what we wanted.
        }
    }

    public async Task<string> OpenConversationAsync(string token, IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        var response = await CallAsync(
            "conversations.open", token, () => api.OpenConversationAsync(token, Form(("users", string.Join(',', userIds))), cancellationToken))
            .ConfigureAwait(false);
        return response.Channel?.Id ?? throw new SlackApiException("conversations.open", "channel_not_found");
    }

    public async Task<SlackConversation> GetConversationAsync(string token, string channelId, CancellationToken cancellationToken)
    {
        var response = await CallAsync(
            "conversations.info", token, () => api.ConversationInfoAsync(token, Form(("channel", channelId)), cancellationToken)).ConfigureAwait(false);
        return response.Channel is { Id: not null } channel ? ToConversation(channel) : throw new SlackApiException("conversations.info", "channel_not_found");
    }

    public Task<IReadOnlyList<SlackConversation>> ListUserConversationsAsync(string token, CancellationToken cancellationToken) =>
        SlackPaging.CollectAsync(async cursor =>
        {
            var form = Form(
                ("types", "public_channel,private_channel,mpim,im"),
                ("exclude_archived", "true"),
                ("limit", PageSize.ToString(CultureInfo.InvariantCulture)));
            AddCursor(form, cursor);
            var page = await CallAsync("users.conversations", token, () => api.UserConversationsAsync(token, form, cancellationToken)).ConfigureAwait(false);
            return (page.Channels.Where(c => c.Id is not null).Select(ToConversation), page.ResponseMetadata?.NextCursor);
        });

    public async Task<string?> FindMarkedMessageAsync(
        string token, string channelId, string? threadTs, DateTimeOffset since, SlackMessageMarker marker, CancellationToken cancellationToken)
    {
        const int MaxPages = 5; // a retry looks back minutes, not the channel's whole history
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var form = Form(("channel", channelId), ("include_all_metadata", "true"), ("limit", PageSize.ToString(CultureInfo.InvariantCulture)));
            form[threadTs is null ? "oldest" : "ts"] = threadTs ?? SlackTsOf(since);
            AddCursor(form, cursor);
            var response = threadTs is null
                ? await CallAsync("conversations.history", token, () => api.HistoryAsync(token, form, cancellationToken)).ConfigureAwait(false)
                : await CallAsync("conversations.replies", token, () => api.RepliesAsync(token, form, cancellationToken)).ConfigureAwait(false);
            var found = response.Messages.FirstOrDefault(m =>
                m.Metadata?.EventType == marker.EventType
                && m.Metadata.EventPayload?.TryGetValue("id", out var id) == true
                && id.ValueKind == System.Text.Json.JsonValueKind.String && id.GetString() == marker.Id);
            if (found?.Ts is not null)
            {
                return found.Ts;
            }

            cursor = response.ResponseMetadata?.NextCursor;
            if (string.IsNullOrEmpty(cursor))
            {
                return null;
            }
        }

        return null;
    }

    public async Task<SlackThreadPage> GetThreadPageAsync(
        string token, string channelId, string threadTs, string? oldest, string? cursor, int limit, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["channel"] = channelId,
            ["ts"] = threadTs,
            ["limit"] = limit.ToString(CultureInfo.InvariantCulture),
        };
        if (oldest is not null)
        {
            form["oldest"] = oldest;
            form["inclusive"] = "true";
        }

        AddCursor(form, cursor);
        var response = await CallAsync("conversations.replies", token, () => api.ThreadPageAsync(token, form, cancellationToken)).ConfigureAwait(false);
        var next = response.ResponseMetadata?.NextCursor;
        return new SlackThreadPage([.. response.Messages.Select(m => m.GetRawText())], string.IsNullOrEmpty(next) ? null : next);
    }

    private static string SlackTsOf(DateTimeOffset at) =>
        (at.ToUnixTimeMilliseconds() / 1000m).ToString("0.000000", CultureInfo.InvariantCulture);

    public async Task<string?> GetWorkspaceUrlAsync(string token, CancellationToken cancellationToken)
    {
        var response = await CallAsync("auth.test", token, () => api.AuthTestAsync(token, cancellationToken)).ConfigureAwait(false);
        return response.Url;
    }

    public async Task<SlackUserProfile> GetUserInfoAsync(string token, string userId, CancellationToken cancellationToken)
    {
        var response = await CallAsync("users.info", token, () => api.UserInfoAsync(token, Form(("user", userId)), cancellationToken)).ConfigureAwait(false);
        return ToProfile(response.User ?? throw new SlackApiException("users.info", "user_not_found"));
    }

    public async Task<SlackUserProfile?> LookupUserByEmailAsync(string token, string email, CancellationToken cancellationToken)
    {
        try
        {
            var response = await CallAsync("users.lookupByEmail", token, () => api.LookupByEmailAsync(token, Form(("email", email)), cancellationToken))
                .ConfigureAwait(false);
            return response.User is null ? null : ToProfile(response.User);
        }
        catch (SlackApiException exception) when (exception.Error == "users_not_found")
        {
            return null;
        }
    }

    public Task SetUserStatusAsync(string token, string text, string emoji, long expiration, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["profile"] = new JsonObject { ["status_text"] = text, ["status_emoji"] = emoji, ["status_expiration"] = expiration },
        };
        return CallAsync("users.profile.set", token, () => api.SetProfileAsync(token, body, cancellationToken));
    }

    public async Task<string> OpenViewAsync(string token, string triggerId, string viewJson, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["trigger_id"] = triggerId, ["view"] = JsonNode.Parse(viewJson) };
        var response = await CallAsync("views.open", token, () => api.OpenViewAsync(token, body, cancellationToken)).ConfigureAwait(false);
        return response.View?.Id ?? string.Empty;
    }

    public async Task<Uri> OpenSocketModeConnectionAsync(string appLevelToken, CancellationToken cancellationToken)
    {
        var response = await CallAsync("apps.connections.open", appLevelToken, () => api.OpenSocketModeConnectionAsync(appLevelToken, cancellationToken))
            .ConfigureAwait(false);
        // Slack hands out wss://; a loopback fake hands out ws://. Anything else is not a WebSocket URL.
        return Uri.TryCreate(response.Url, UriKind.Absolute, out var url) && url.Scheme is "wss" or "ws"
            ? url
            : throw new SlackApiException("apps.connections.open", "invalid_url");
    }

    private async Task<T> CallAsync<T>(string method, string? token, Func<Task<T>> call)
        where T : SlackResponse
    {
        if (governor.PausedFor(token, method) is { } paused)
        {
            // Another caller met a 429 on this workspace's method: don't make Slack say it again.
            metrics.RateLimitWait(method);
            throw new SlackApiException(method, "ratelimited", retryAfter: paused);
        }

        T response;
        try
        {
            response = await call().ConfigureAwait(false);
        }
        catch (ApiException exception) when (exception.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var retryAfter = RetryAfterOf(exception);
            governor.Pause(token, method, retryAfter);
            metrics.SlackCall(method, "ratelimited");
            throw new SlackApiException(method, "ratelimited", inner: exception, retryAfter: retryAfter);
        }
        catch (Exception exception) when (exception is ApiException or ApiRequestException or HttpRequestException or TimeoutRejectedException)
        {
            // Retries are behind us (the resilience handler); Slack is unavailable for now. A caller's cancellation
            // (TaskCanceledException) is not an outage and passes through as it is.
            metrics.SlackCall(method, SlackApiException.Unavailable);
            throw new SlackApiException(method, SlackApiException.Unavailable, inner: exception);
        }

        metrics.SlackCall(method, response.Ok ? "ok" : response.Error ?? "unknown_error");
        if (response.Error == "token_expired" && token is not null)
        {
            expired.Expired(token); // its next use refreshes it, whatever its stored expiry says
        }

        return response.Ok ? response : throw new SlackApiException(method, response.Error ?? "unknown_error", response.Needed);
    }

    /// <summary>Slack's <c>Retry-After</c> (seconds or a date); a second when it sent none, as Slack's own SDKs assume.</summary>
    private static TimeSpan RetryAfterOf(ApiException exception)
    {
        var header = exception.Headers.RetryAfter;
        var after = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.FromSeconds(1));
        return after < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : after;
    }

    private Dictionary<string, string> ClientCredentials() => new(StringComparer.Ordinal)
    {
        ["client_id"] = options.AppClientId ?? string.Empty,
        ["client_secret"] = options.AppClientSecret ?? string.Empty,
    };

    private static JsonObject MessageBody(string channelId, SlackMessageContent content)
    {
        var message = new JsonObject { ["channel"] = channelId, ["text"] = content.Text };
        if (content.BlocksJson is not null)
        {
            message["blocks"] = JsonNode.Parse(content.BlocksJson);
        }

        if (content.Username is not null)
        {
            message["username"] = content.Username;
        }

        if (content.IconUrl is not null)
        {
            message["icon_url"] = content.IconUrl;
        }

        if (content.Marker is { } marker)
        {
            message["metadata"] = new JsonObject { ["event_type"] = marker.EventType, ["event_payload"] = new JsonObject { ["id"] = marker.Id } };
        }

        return message;
    }

    private static Dictionary<string, string> Form(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static void AddCursor(Dictionary<string, string> form, string? cursor)
    {
        if (!string.IsNullOrEmpty(cursor))
        {
            form["cursor"] = cursor;
        }
    }

    private static SlackConversation ToConversation(ConversationWire c) =>
        new(c.Id!, c.Name, c.IsChannel, c.IsPrivate || c.IsGroup, c.IsMpim, c.IsIm, c.IsArchived, c.User);

    private static SlackUserProfile ToProfile(UserWire user) => new(
        user.Id ?? string.Empty,
        user.TeamId,
        user.Name ?? string.Empty,
        user.RealName ?? user.Profile?.RealName,
        user.Profile?.DisplayName,
        user.Profile?.Email,
        user.Tz,
        user.IsBot,
        user.Deleted);
}
