using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace CodeStream.Integrations.Web.FunctionalTests.SocketMode;

/// <summary>What <c>/health/ready</c> says of Socket Mode to a caller that accepts JSON (no API key needed).</summary>
internal sealed record SocketModeHealthReport(HttpStatusCode Status, string Body, string State, string? Description, JsonObject Data)
{
    public long Number(string name) => (long)Data[name]!;

    public static async Task<SocketModeHealthReport> ReadAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var check = JsonNode.Parse(body)!["checks"]!["slack-socket-mode"]!;
        return new SocketModeHealthReport(response.StatusCode, body, (string)check["status"]!, (string?)check["description"], check["data"]!.AsObject());
    }
}
