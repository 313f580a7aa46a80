using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.MsTeams;

/// <summary>
/// One HTTP request the fake Bot Framework received (Bot Connector, token endpoint, OpenID metadata or JWKS), with the
/// status it answered, including those answered by <see cref="FakeBotFramework.FailNext"/>. Immutable.
/// </summary>
/// <param name="Method">The HTTP method, e.g. <c>POST</c>.</param>
/// <param name="Path">
/// The path, decoded segment by segment so conversation ids read as Teams writes them, e.g.
/// <c>/connector/v3/conversations/19:chan@thread.tacv2;messageid=1700000000123/activities</c>.
/// </param>
/// <param name="Body">The request body as received (JSON for the connector, a form for the token endpoint).</param>
/// <param name="Authorization">The <c>Authorization</c> header, if any.</param>
/// <param name="StatusCode">The HTTP status answered.</param>
/// <param name="ReceivedAt">When the request was read (after <see cref="FakeBotFramework.Latency"/>).</param>
public sealed record BotConnectorCall(string Method, string Path, string Body, string? Authorization, int StatusCode, DateTimeOffset ReceivedAt)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>The body parsed as JSON; null when it is empty. Throws for a form body (token calls).</summary>
    public JsonNode? ParseBody() => Body.Length == 0 ? null : JsonNode.Parse(Body);
}
