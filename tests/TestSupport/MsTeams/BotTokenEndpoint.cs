using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace CodeStream.Integrations.TestSupport.MsTeams;

/// <summary>
/// Entra ID's client-credentials token endpoint, <c>POST {base}{tenantId}/oauth2/v2.0/token</c>, as a bot uses it to
/// get the bearer token for the Bot Connector. Answers like Entra ID: a form in, <c>{"token_type":"Bearer",…}</c> out,
/// OAuth error bodies on failure. Called under the state lock.
/// </summary>
internal static class BotTokenEndpoint
{
    /// <summary>The only scope the Bot Connector accepts tokens for.</summary>
    public const string BotFrameworkScope = "https://api.botframework.com/.default";

    private const string Alphanumerics = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static BotFrameworkResponse Handle(BotFrameworkState state, string tenantId, string body)
    {
        var form = QueryHelpers.ParseQuery(body);
        string? Field(string name) => form.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;

        var grantType = Field("grant_type");
        if (grantType is null)
        {
            return MissingParameter("grant_type");
        }

        if (grantType != "client_credentials")
        {
            return BotFrameworkResponse.OAuthError(
                400, "unsupported_grant_type", $"AADSTS70003: The app requested an unsupported grant type '{grantType}'.");
        }

        var clientId = Field("client_id");
        if (clientId is null)
        {
            return MissingParameter("client_id");
        }

        if (!state.BotSecrets.TryGetValue((clientId, tenantId), out var secret))
        {
            return BotFrameworkResponse.OAuthError(
                401, "invalid_client", $"AADSTS700016: Application with identifier '{clientId}' was not found in the directory '{tenantId}'.");
        }

        if (!string.Equals(Field("client_secret"), secret, StringComparison.Ordinal))
        {
            return BotFrameworkResponse.OAuthError(
                401, "invalid_client", $"AADSTS7000215: Invalid client secret provided for app '{clientId}'.");
        }

        var scope = Field("scope");
        if (scope != BotFrameworkScope)
        {
            return BotFrameworkResponse.OAuthError(
                400, "invalid_scope", $"AADSTS70011: The provided value for the input parameter 'scope' is not valid: '{scope}'.");
        }

        var lifetime = state.BotTokenLifetime;
        var token = "fake-bf-" + RandomNumberGenerator.GetString(Alphanumerics, 48);
        state.AccessTokens[token] = new AccessTokenRecord(token, clientId, tenantId) { ExpiresAt = state.Now + lifetime };
        var expiresIn = (long)Math.Max(0, Math.Floor(lifetime.TotalSeconds));
        return BotFrameworkResponse.Json(200, new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = expiresIn,
            ["ext_expires_in"] = expiresIn,
            ["access_token"] = token,
        });
    }

    private static BotFrameworkResponse MissingParameter(string name) =>
        BotFrameworkResponse.OAuthError(400, "invalid_request", $"AADSTS900144: The request body must contain the following parameter: '{name}'.");
}
