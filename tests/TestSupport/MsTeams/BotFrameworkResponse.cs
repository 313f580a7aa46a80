using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.MsTeams;

/// <summary>What the fake writes back for one request: a status, a JSON body (or none) and extra headers.</summary>
internal sealed record BotFrameworkResponse(int StatusCode, string Body, IReadOnlyList<(string Name, string Value)> Headers)
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static BotFrameworkResponse Json(int statusCode, JsonNode body, params (string Name, string Value)[] headers) =>
        new(statusCode, BotFrameworkJson.Write(body), headers);

    /// <summary>A status with an empty body, as the connector answers a delete.</summary>
    public static BotFrameworkResponse Empty(int statusCode) => new(statusCode, "", []);

    /// <summary>The Bot Connector's error shape: <c>{"error":{"code":"…","message":"…"}}</c>.</summary>
    public static BotFrameworkResponse ConnectorError(int statusCode, string code, string message, params (string Name, string Value)[] headers) =>
        Json(statusCode, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, headers);

    /// <summary>Entra ID's OAuth error shape: <c>{"error":"invalid_client","error_description":"…"}</c>.</summary>
    public static BotFrameworkResponse OAuthError(int statusCode, string error, string description, params (string Name, string Value)[] headers) =>
        Json(statusCode, new JsonObject { ["error"] = error, ["error_description"] = description }, headers);

    public static BotFrameworkResponse BadArgument(string message) => ConnectorError(400, "BadArgument", message);

    public static BotFrameworkResponse ConversationNotFound(string conversationId) =>
        ConnectorError(404, "ConversationNotFound", $"Conversation not found: {conversationId}.");

    public static BotFrameworkResponse ActivityNotFound(string activityId) =>
        ConnectorError(404, "ActivityNotFound", $"Activity not found: {activityId}.");
}
