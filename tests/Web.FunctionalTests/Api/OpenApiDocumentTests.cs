using System.Net;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Scenarios;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CodeStream.Integrations.Web.FunctionalTests.Api;

/// <summary>
/// The product API describes itself at <c>/openapi/v1.json</c> (ASP.NET Core's generator): behind the API key, every
/// mapped <c>/api/v1</c> endpoint with its request body, its success answer and its problem answers; nothing else.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private const string DocumentPath = "/openapi/v1.json";

    [Fact]
    public async Task Document_ListsEveryMappedProductEndpointWithItsBodyAndProblems()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var document = JsonNode.Parse(await scenario.Client.GetStringAsync(DocumentPath))!;
        var paths = document["paths"]!.AsObject();

        var mapped = ProductEndpoints(scenario);
        Assert.True(mapped.Count >= 19, $"only {mapped.Count} product endpoints found");
        foreach (var (method, path) in mapped)
        {
            var operation = paths[path]?[method.ToLowerInvariant()];
            Assert.True(operation is not null, $"{method} {path} is not in the OpenAPI document");
            var responses = operation!["responses"]!.AsObject();
            Assert.Contains(responses, r => r.Key.StartsWith('2'));
            foreach (var problem in new[] { "400", "401", "403" })
            {
                Assert.True(responses[problem]?["content"]?["application/problem+json"] is not null, $"{method} {path} does not describe its {problem} problem");
            }
        }

        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p.Key, StringComparison.Ordinal));
        var reply = paths["/api/v1/codemarks/{codemarkId}/replies"]!["post"]!;
        Assert.NotNull(reply["requestBody"]!["content"]!["application/json"]!["schema"]);
        Assert.NotNull(reply["responses"]!["201"]!["content"]!["application/json"]);
        Assert.NotNull(paths["/api/v1/codemarks/{codemarkId}"]!["get"]!["responses"]!["404"]);
        Assert.NotNull(paths["/api/v1/codemarks/{codemarkId}/shares"]!["post"]!["responses"]!["409"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-key")]
    public async Task Document_WithoutTheKey_IsRefusedLikeTheApi(string? key)
    {
        await using var scenario = await SlackScenario.StartAsync();
        using var stranger = scenario.Host.CreateClient(key);

        using var response = await stranger.GetAsync(DocumentPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("\"paths\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // What the host really mapped under /api/v1, as (method, OpenAPI path).
    private static List<(string Method, string Path)> ProductEndpoints(SlackScenario scenario) =>
        [.. scenario.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (m, Normalize(e.RoutePattern.RawText!))))
            .Distinct()];

    private static string Normalize(string pattern) => pattern.Length > 1 ? pattern.TrimEnd('/') : pattern;
}
