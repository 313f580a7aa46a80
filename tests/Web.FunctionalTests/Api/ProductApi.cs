using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CodeStream.Integrations.Web.FunctionalTests.Api;

/// <summary>Small typed steps over the product API, so scenarios read as what a CodeStream host does.</summary>
internal sealed class ProductApi(HttpClient client)
{
    public HttpClient Client => client;

    public async Task<JsonObject> CreateTeamAsync(string name = "Acme") =>
        await SendAsync(HttpMethod.Post, "/api/v1/teams", new { name }, HttpStatusCode.Created);

    public async Task<JsonObject> AddUserAsync(string teamId, string email, string username, string fullName = "") =>
        await SendAsync(HttpMethod.Post, $"/api/v1/teams/{teamId}/users", new { email, username, fullName }, HttpStatusCode.Created);

    public async Task<JsonObject> CreateCodemarkAsync(string teamId, string creatorId, string text = "Check this race", int markers = 2) =>
        await SendAsync(
            HttpMethod.Post,
            $"/api/v1/teams/{teamId}/codemarks",
            new
            {
                creatorId,
                type = "issue",
                title = "Possible race",
                text,
                markers = Enumerable.Range(1, markers).Select(i => new
                {
                    file = $"src/File{i}.cs",
                    repo = "acme/app",
                    commitHash = "0123456789abcdef",
                    startLine = i * 10,
                    endLine = (i * 10) + 4,
                    code = $"var x{i} = {i};",
                    remoteCodeUrl = $"https://github.com/acme/app/blob/main/src/File{i}.cs#L{i * 10}",
                }).ToArray(),
            },
            HttpStatusCode.Created);

    public async Task<JsonObject> AddReplyAsync(string codemarkId, string creatorId, string text) =>
        await SendAsync(HttpMethod.Post, $"/api/v1/codemarks/{codemarkId}/replies", new { creatorId, text }, HttpStatusCode.Created);

    public async Task<JsonObject> GetCodemarkAsync(string codemarkId) =>
        await SendAsync(HttpMethod.Get, $"/api/v1/codemarks/{codemarkId}", null, HttpStatusCode.OK);

    public async Task<JsonArray> ListUsersAsync(string teamId)
    {
        using var response = await client.GetAsync($"/api/v1/teams/{teamId}/users");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    public async Task<JsonObject> SendAsync(HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Sends raw text and returns the status and the parsed problem body.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Problem, string ContentType)> SendRawAsync(
        HttpMethod method, string path, string? body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, contentType);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var problem = text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
        return (response.StatusCode, problem, response.Content.Headers.ContentType?.MediaType ?? string.Empty);
    }
}
