using System.Net;
using System.Net.Http.Json;
using CodeStream.Integrations.TestSupport.Hosting;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.Web.FunctionalTests.SlackOAuth;

namespace CodeStream.Integrations.Web.FunctionalTests.Api;

/// <summary>
/// Without <c>api:keys</c> the product API and the setup page serve direct local callers only; with keys, the setup
/// page shows nothing of the Slack app to a caller without one. Tried as a relay, a rebinding page and a stranger would.
/// </summary>
public sealed class ProductApiExposureTests
{
    private static readonly Dictionary<string, string?> NoKeys = new() { ["api:keys:0"] = string.Empty };

    [Fact]
    public async Task NoKeys_DirectLocalCaller_IsServed()
    {
        await using var scenario = await SlackScenario.StartAsync(settings: NoKeys);
        using var local = scenario.Host.CreateClient(apiKey: null);

        using var response = await local.PostAsJsonAsync("/api/v1/teams", new { name = "Acme" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("X-Forwarded-Host", "codestream.example.com")]
    [InlineData("Forwarded", "for=203.0.113.9;proto=https")]
    [InlineData("Host", "evil.example")]
    [InlineData("Host", "evil.example:5000")]
    [InlineData("Host", "127.0.0.1.nip.io")]
    public async Task NoKeys_RelayedOrRebindingCaller_Gets403AndStoresNothing(string header, string value)
    {
        await using var scenario = await SlackScenario.StartAsync(settings: NoKeys);
        using var local = scenario.Host.CreateClient(apiKey: null);

        using var response = await local.SendAsync(With(header, value, new HttpRequestMessage(HttpMethod.Post, "/api/v1/teams")
        {
            Content = JsonContent.Create(new { name = "Acme" }),
        }));
        var problem = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("direct local callers only", problem, StringComparison.Ordinal);
        Assert.Equal(0, await DatabaseInspector.CountAsync(scenario.Database, "teams"));
    }

    [Fact]
    public async Task NoKeys_BehindTheForwardedHeadersMiddleware_ASpoofedLoopbackAddressIsRefused()
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true: the middleware takes the remote address from X-Forwarded-For and
        // removes that header; what it leaves behind (X-Original-For) still gives the relay away.
        var settings = new Dictionary<string, string?>(NoKeys) { ["FORWARDEDHEADERS_ENABLED"] = "true" };
        await using var scenario = await SlackScenario.StartAsync(settings: settings);
        using var local = scenario.Host.CreateClient(apiKey: null);

        using var response = await local.SendAsync(With("X-Forwarded-For", "127.0.0.1", new HttpRequestMessage(HttpMethod.Get, "/api/v1/slack/manifest")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("Host", "evil.example")]
    public async Task NoKeys_SetupPage_RefusesRelayedOrRebindingCallers(string header, string value)
    {
        await using var scenario = await SlackScenario.StartAsync(settings: NoKeys);
        using var local = scenario.Host.CreateClient(apiKey: null);

        using var refused = await local.SendAsync(With(header, value, new HttpRequestMessage(HttpMethod.Get, "/")));
        var direct = await local.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain(SlackScenario.AppId, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(SlackScenario.AppId, direct, StringComparison.Ordinal);
        Assert.Contains("id=\"manifest\"", direct, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-key")]
    public async Task WithKeys_SetupPage_ShowsNoClientIdAppIdOrManifestToACallerWithoutTheKey(string? key)
    {
        await using var scenario = await SlackScenario.StartAsync();
        using var stranger = scenario.Host.CreateClient(key);

        using var response = await stranger.GetAsync("/");
        var page = await response.Content.ReadAsStringAsync();
        var admin = await scenario.Client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-check=\"Signing secret set\"", page, StringComparison.Ordinal); // the summary of what is missing
        Assert.Contains("id=\"key-required\"", page, StringComparison.Ordinal);
        foreach (var hidden in new[] { SlackScenario.AppId, SlackScenario.ClientId, "id=\"manifest\"", "oauth_config" })
        {
            Assert.DoesNotContain(hidden, page, StringComparison.Ordinal);
            Assert.Contains(hidden, admin, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(TestHost.ApiKey, admin, StringComparison.Ordinal);
    }

    private static HttpRequestMessage With(string header, string value, HttpRequestMessage request)
    {
        if (header == "Host")
        {
            request.Headers.Host = value;
        }
        else
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        return request;
    }
}
