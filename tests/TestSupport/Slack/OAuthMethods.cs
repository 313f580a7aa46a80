using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>oauth.v2.access (code exchange and token rotation), auth.test and auth.revoke.</summary>
internal static class OAuthMethods
{
    public static void Register(SlackMethodDispatcher dispatcher)
    {
        dispatcher.Add("oauth.v2.access", Access, needsToken: false);
        dispatcher.Add("oauth.v2.exchange", Exchange, needsToken: false);
        dispatcher.Add("auth.test", AuthTest);
        dispatcher.Add("auth.revoke", AuthRevoke);
    }

    private static JsonObject Access(SlackCall call)
    {
        var (clientId, clientSecret) = call.Request.BasicCredentials
            ?? (call.Arg("client_id") ?? "", call.Arg("client_secret") ?? "");
        if (!call.State.Clients.TryGetValue(clientId, out var expectedSecret))
        {
            throw new SlackApiException("invalid_client_id");
        }

        if (clientSecret != expectedSecret)
        {
            throw new SlackApiException("bad_client_secret");
        }

        return call.Arg("grant_type") == "refresh_token" ? Refresh(call, clientId) : ExchangeCode(call, clientId);
    }

    private static JsonObject ExchangeCode(SlackCall call, string clientId)
    {
        var code = call.Arg("code");
        if (code is null || !call.State.OAuthCodes.TryGetValue(code, out var record) || record.Used
            || record.Grant.ClientId != clientId)
        {
            throw new SlackApiException("invalid_code");
        }

        var grant = record.Grant;
        if (grant.RedirectUri is not null && call.Arg("redirect_uri") != grant.RedirectUri)
        {
            throw new SlackApiException("bad_redirect_uri");
        }

        record.Used = true;
        var lifetime = grant.TokenRotation ? TimeSpan.FromSeconds(grant.ExpiresInSeconds) : (TimeSpan?)null;
        var bot = call.State.IssueToken(grant.TeamId, grant.BotUserId, [grant.BotScopes], isBot: true, lifetime);
        var user = call.State.IssueToken(grant.TeamId, grant.AuthedUserId, [grant.UserScopes], isBot: false, lifetime);
        var workspace = call.State.Workspaces[grant.TeamId];

        var authedUser = new JsonObject
        {
            ["id"] = grant.AuthedUserId,
            ["scope"] = string.Join(',', user.Scopes),
            ["access_token"] = user.Token,
            ["token_type"] = "user",
        };
        var body = new JsonObject
        {
            ["access_token"] = bot.Token,
            ["token_type"] = "bot",
            ["scope"] = string.Join(',', bot.Scopes),
            ["bot_user_id"] = grant.BotUserId,
            ["app_id"] = bot.AppId,
            ["team"] = new JsonObject { ["name"] = workspace.Name, ["id"] = workspace.Id },
            ["enterprise"] = null,
            ["is_enterprise_install"] = false,
            ["authed_user"] = authedUser,
        };
        if (grant.TokenRotation)
        {
            body["refresh_token"] = NewRefreshToken(call.State, grant, bot);
            body["expires_in"] = grant.ExpiresInSeconds;
            authedUser["refresh_token"] = NewRefreshToken(call.State, grant, user);
            authedUser["expires_in"] = grant.ExpiresInSeconds;
        }

        return body;
    }

    /// <summary>Rotation: a new access and refresh token; the old access token stops working (<c>token_expired</c>).</summary>
    private static JsonObject Refresh(SlackCall call, string clientId)
    {
        var refreshToken = call.Arg("refresh_token");
        if (refreshToken is null || !call.State.RefreshTokens.TryGetValue(refreshToken, out var record) || record.Used
            || record.Grant.ClientId != clientId)
        {
            throw new SlackApiException("invalid_refresh_token");
        }

        record.Used = true;
        if (call.State.Tokens.TryGetValue(record.AccessToken, out var old))
        {
            if (old.Status == TokenStatus.Revoked)
            {
                throw new SlackApiException("invalid_refresh_token");
            }

            old.Status = TokenStatus.Expired;
        }

        var grant = record.Grant;
        var userId = record.IsBot ? grant.BotUserId : grant.AuthedUserId;
        var scopes = record.IsBot ? grant.BotScopes : grant.UserScopes;
        var fresh = call.State.IssueToken(grant.TeamId, userId, [scopes], record.IsBot, TimeSpan.FromSeconds(grant.ExpiresInSeconds));
        var workspace = call.State.Workspaces[grant.TeamId];
        var body = new JsonObject
        {
            ["app_id"] = call.State.Users[grant.BotUserId].AppId,
            ["authed_user"] = new JsonObject { ["id"] = grant.AuthedUserId },
            ["scope"] = string.Join(',', fresh.Scopes),
            ["token_type"] = record.IsBot ? "bot" : "user",
            ["access_token"] = fresh.Token,
        };
        if (record.IsBot)
        {
            body["bot_user_id"] = grant.BotUserId;
        }

        body["refresh_token"] = NewRefreshToken(call.State, grant, fresh);
        body["expires_in"] = grant.ExpiresInSeconds;
        body["team"] = new JsonObject { ["id"] = workspace.Id, ["name"] = workspace.Name };
        body["enterprise"] = null;
        body["is_enterprise_install"] = false;
        return body;
    }

    /// <summary>
    /// <c>oauth.v2.exchange</c>: a long-lived token traded for a rotating one with a refresh token (lifetime
    /// <see cref="FakeSlackState.ExchangedTokenLifetimeSeconds"/>); the long-lived token stops working.
    /// </summary>
    private static JsonObject Exchange(SlackCall call)
    {
        var (clientId, clientSecret) = call.Request.BasicCredentials ?? (call.Arg("client_id") ?? "", call.Arg("client_secret") ?? "");
        if (!call.State.Clients.TryGetValue(clientId, out var expectedSecret) || clientSecret != expectedSecret)
        {
            throw new SlackApiException("invalid_client_id");
        }

        var token = call.Arg("token");
        if (token is null || !call.State.Tokens.TryGetValue(token, out var old) || old.Status != TokenStatus.Active)
        {
            throw new SlackApiException("invalid_auth");
        }

        if (old.ExpiresAt is not null)
        {
            throw new SlackApiException("token_is_not_long_lived");
        }

        old.Status = TokenStatus.Expired;
        var lifetime = call.State.ExchangedTokenLifetimeSeconds;
        var grant = new OAuthCodeGrant(old.TeamId, clientId, clientSecret, old.UserId, old.UserId) { TokenRotation = true, ExpiresInSeconds = lifetime };
        var fresh = call.State.IssueToken(old.TeamId, old.UserId, old.Scopes, old.IsBot, TimeSpan.FromSeconds(lifetime));
        return new JsonObject
        {
            ["access_token"] = fresh.Token,
            ["token_type"] = old.IsBot ? "bot" : "user",
            ["scope"] = string.Join(',', fresh.Scopes),
            ["refresh_token"] = NewRefreshToken(call.State, grant, fresh),
            ["expires_in"] = lifetime,
            ["team"] = new JsonObject { ["id"] = old.TeamId, ["name"] = call.State.Workspaces[old.TeamId].Name },
        };
    }

    private static string NewRefreshToken(FakeSlackState state, OAuthCodeGrant grant, TokenRecord accessToken)
    {
        var refresh = new RefreshTokenRecord
        {
            Token = state.NewSecret("xoxe-1"),
            Grant = grant,
            IsBot = accessToken.IsBot,
            AccessToken = accessToken.Token,
        };
        state.RefreshTokens[refresh.Token] = refresh;
        return refresh.Token;
    }

    private static JsonObject AuthTest(SlackCall call)
    {
        var user = call.State.Users[call.Actor];
        var body = new JsonObject
        {
            ["url"] = $"https://{call.Workspace.Domain}.slack.com/",
            ["team"] = call.Workspace.Name,
            ["user"] = user.Name,
            ["team_id"] = call.Workspace.Id,
            ["user_id"] = user.Id,
        };
        if (call.Token.IsBot)
        {
            body["bot_id"] = call.Token.BotId;
        }

        body["is_enterprise_install"] = false;
        return body;
    }

    private static JsonObject AuthRevoke(SlackCall call)
    {
        if (call.Bool("test") != true)
        {
            call.Token.Status = TokenStatus.Revoked;
        }

        return new JsonObject { ["revoked"] = true };
    }
}
