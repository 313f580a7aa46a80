using System.Net;
using System.Text.Json.Nodes;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

/// <summary>The operators' window on the inbox (spec §9): <c>GET /api/v1/slack/inbox?state=</c> and <c>POST /api/v1/slack/inbox/retry</c>.</summary>
public sealed class SlackInboxApiTests(SlackEventsHost host) : IClassFixture<SlackEventsHost>
{
    [Theory]
    [InlineData("bogus")]
    [InlineData("1")]
    [InlineData("-1")]
    public async Task GetInbox_WhenStateIsNotAState_Returns400NamingTheState(string state)
    {
        using var response = await host.Scenario.Client.GetAsync($"/api/v1/slack/inbox?state={Uri.EscapeDataString(state)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]!["state"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task GetInbox_WhenLimitIsOutOfRange_Returns400(int limit)
    {
        using var response = await host.Scenario.Client.GetAsync($"/api/v1/slack/inbox?state=done&limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task GetInbox_WithoutState_ListsFailedItemsWithCountsOfEveryState()
    {
        using var response = await host.Scenario.Client.GetAsync("/api/v1/slack/inbox");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var inbox = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("failed", (string)inbox["state"]!);
        var counts = inbox["counts"]!.AsObject();
        Assert.All(new[] { "pending", "processing", "done", "ignored", "failed" }, state => Assert.True(counts.ContainsKey(state), state));
        Assert.Empty(inbox["items"]!.AsArray());
    }

    [Fact]
    public async Task InboxEndpoints_WithoutTheApiKey_Return401()
    {
        using var client = host.Scenario.Host.CreateClient(apiKey: null);

        using var get = await client.GetAsync("/api/v1/slack/inbox?state=failed");
        using var retry = await client.PostAsync("/api/v1/slack/inbox/retry", content: null);

        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, retry.StatusCode);
    }

    [Fact]
    public async Task RetryInbox_WhenNothingFailed_RetriesNothing()
    {
        using var response = await host.Scenario.Client.PostAsync("/api/v1/slack/inbox/retry", content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["retried"]!);
    }
}
