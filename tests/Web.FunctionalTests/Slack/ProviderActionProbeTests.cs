using System.Net;
using CodeStream.Integrations.TestSupport.Scenarios;

namespace CodeStream.Integrations.Web.FunctionalTests.Slack;

/// <summary>The real host, shared by the probe tests: nothing they do changes state.</summary>
public sealed class ProviderActionProbeHost : IAsyncLifetime
{
    public SlackScenario Scenario { get; private set; } = null!;

    public async Task InitializeAsync() => Scenario = await SlackScenario.StartAsync();

    public async Task DisposeAsync() => await Scenario.DisposeAsync();
}

/// <summary>Admins test their proxy with a GET to a provider-action URL; the answer is 404 naming the path requested.</summary>
public sealed class ProviderActionProbeTests(ProviderActionProbeHost host) : IClassFixture<ProviderActionProbeHost>
{
    [Theory]
    [InlineData("/no-auth/provider-action/slack")]
    [InlineData("/no-auth/provider-action/slack/")]
    [InlineData("/no-auth/provider-action/slack-events")]
    [InlineData("/no-auth/provider-action/slack-events/")]
    [InlineData("/no-auth/provider-action/msteams")]
    [InlineData("/no-auth/provider-action/msteams/")]
    public async Task Get_WhenProviderActionPath_Returns404CannotGetWithThePath(string path)
    {
        using var client = host.Scenario.Host.CreateClient(apiKey: null);

        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"Cannot GET {path}", body);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_WhenPathCasingDiffers_NamesThePathAsRequested()
    {
        using var client = host.Scenario.Host.CreateClient(apiKey: null);

        using var response = await client.GetAsync("/no-auth/provider-action/Slack-Events");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Cannot GET /no-auth/provider-action/Slack-Events", body);
    }

    [Fact]
    public async Task Get_WhenSentWithApiKey_AnswersTheSame()
    {
        using var response = await host.Scenario.Client.GetAsync("/no-auth/provider-action/slack");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Cannot GET /no-auth/provider-action/slack", body);
    }
}
