using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>What the fake writes back for one request.</summary>
internal sealed record SlackHttpResponse(int StatusCode, string Body, string ContentType, IReadOnlyList<(string Name, string Value)> Headers)
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static SlackHttpResponse Json(int statusCode, JsonObject body, params (string Name, string Value)[] headers) =>
        new(statusCode, body.ToJsonString(), JsonContentType, headers);

    /// <summary>The <c>error</c> field of an <c>ok:false</c> JSON body, if this is one.</summary>
    public string? ErrorCode
    {
        get
        {
            if (!ContentType.StartsWith("application/json", StringComparison.Ordinal))
            {
                return null;
            }

            var node = JsonNode.Parse(Body);
            return node?["ok"]?.GetValue<bool>() == false ? node["error"]?.GetValue<string>() : null;
        }
    }
}
