using System.Net;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

/// <summary>
/// Slack misbehaving while an acknowledged event is processed (spec §5.1, §10): a rate limit is waited out, an outage
/// is retried with back-off and then parked as <c>failed</c> with its reason, and an operator's retry finishes it.
/// </summary>
public sealed class SlackEventOutageTests
{
    [Fact]
    public async Task ThreadReply_WhenUsersInfoIsRateLimitedOnce_WaitsRetryAfterThenCreatesTheReply()
    {
        await using var thread = await SharedThread.StartAsync();
        thread.Slack.FailNext("users.info", SlackFault.RateLimited(1));
        var eventId = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.ThreadReply(eventId, thread.WriteInThread(), thread.RootTs), eventId);

        Assert.Equal("Done", row.State);
        Assert.Single(await thread.RepliesAsync());
        var calls = thread.Slack.CallsTo("users.info").Where(c => c.Arg("user") == SlackScenario.GraceSlackId).ToList();
        Assert.True(calls.Count == 2, $"users.info for Grace was called {calls.Count} time(s)");
        Assert.Equal(SlackFaultKind.RateLimited, calls[0].Fault?.Kind);
        Assert.True(calls[1].Succeeded);
        var waited = calls[1].ReceivedAt - calls[0].ReceivedAt;
        Assert.True(waited >= TimeSpan.FromMilliseconds(900), $"the retry came {waited.TotalMilliseconds} ms after the 429 with Retry-After: 1");
    }

    [Fact]
    public async Task ThreadReply_WhenSlackStaysDown_IsParkedAsFailedAndAnOperatorRetryCreatesTheReply()
    {
        await using var thread = await SharedThread.StartAsync(settings: new Dictionary<string, string?>
        {
            ["workQueue:maxAttempts"] = "2",
            ["workQueue:retryBaseDelayMilliseconds"] = "50",
        });
        thread.Slack.FailNext("users.info", SlackFault.ServerError(), times: 50);
        var eventId = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.ThreadReply(eventId, thread.WriteInThread(), thread.RootTs), eventId, TimeSpan.FromSeconds(60));

        Assert.Equal("Failed", row.State);
        Assert.Equal(2, row.Attempts);
        Assert.Empty(await thread.RepliesAsync());
        var inbox = await thread.InboxAsync("failed");
        Assert.Equal(1, (long)inbox["counts"]!["failed"]!);
        var failed = Assert.Single(inbox["items"]!.AsArray())!;
        Assert.Equal(eventId, (string)failed["eventId"]!);
        Assert.Equal("failed", (string)failed["state"]!);
        Assert.Contains("users.info", (string)failed["reason"]!, StringComparison.Ordinal);

        // Slack is back: use up the faults still queued, then the operator retries.
        await DrainFaultsAsync(thread.Slack, "users.info");
        using var retry = await thread.Client.PostAsync("/api/v1/slack/inbox/retry", content: null);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(1, (int)JsonNode.Parse(await retry.Content.ReadAsStringAsync())!["retried"]!);

        var retried = await thread.WaitForEventAsync(eventId);
        Assert.Equal("Done", retried.State);
        Assert.Single(await thread.RepliesAsync());
        Assert.Equal(0, (long)(await thread.InboxAsync("failed"))["counts"]!["failed"]!);
    }

    /// <summary>Calls the fake directly until no fault is left queued for the method.</summary>
    private static async Task DrainFaultsAsync(FakeSlackServer slack, string method)
    {
        using var client = new HttpClient { BaseAddress = slack.ApiBaseUrl };
        while (slack.PendingFaults(method) > 0)
        {
            using var response = await client.PostAsync(method, new FormUrlEncodedContent([]));
        }

        Assert.Equal(0, slack.PendingFaults(method));
    }
}
