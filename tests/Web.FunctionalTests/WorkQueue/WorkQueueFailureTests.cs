using System.Net;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

namespace CodeStream.Integrations.Web.FunctionalTests.WorkQueue;

/// <summary>
/// How the work queue treats failure, through the real host, the fake Slack and the database: a failure a retry would
/// repeat parks its item at once with its reason; a failed copy into Slack is visible and retryable through the
/// operators' API like any other kind; finished items are deleted after their retention, their text already gone.
/// </summary>
public sealed class WorkQueueFailureTests
{
    [Fact]
    public async Task ThreadReply_WhenTheDomainRefusesIt_IsParkedAtOnceWithTheReason()
    {
        await using var thread = await SharedThread.StartAsync();
        var eventId = SlackEvent.NewEventId();
        var tooLong = new string('x', 100_001); // a reply's text is at most 100,000 characters: a DomainException

        var row = await thread.DeliverAsync(SlackEvent.ThreadReply(eventId, thread.WriteInThread(), thread.RootTs, text: tooLong), eventId);

        Assert.Equal("Failed", row.State);
        Assert.Equal(1, row.Attempts); // not retried: the same text would fail the same way
        Assert.Contains("DomainException", row.Result, StringComparison.Ordinal);
        Assert.Contains("at most 100000 characters", row.Result, StringComparison.Ordinal);
        Assert.Empty(await thread.RepliesAsync());
    }

    [Fact]
    public async Task ReplyCopy_WhenSlackRefusesIt_IsListedAsFailedWithItsReasonAndARetryPostsItOnce()
    {
        await using var thread = await SharedThread.StartAsync();
        thread.Slack.FailNext("chat.postMessage", SlackFault.Error("msg_too_long"));

        await thread.ReplyInCodeStreamAsync("from CodeStream");

        JsonObject? failed = null;
        await SlackScenario.WaitUntilAsync(
            async () => (failed = (await thread.InboxAsync("failed", "slack-sync"))["items"]!.AsArray().FirstOrDefault()?.AsObject()) is not null,
            because: "the refused copy is parked as failed");
        Assert.Equal("slack-sync", (string?)failed!["kind"]);
        Assert.Equal("UserFacing", (string?)failed["lane"]);
        Assert.Equal("slack chat.postMessage: msg_too_long", (string?)failed["reason"]);
        Assert.Null((string?)failed["eventId"]);
        var inbox = await thread.InboxAsync("failed");
        Assert.Equal(1, (long)inbox["kinds"]!["slack-sync"]!["failed"]!);
        Assert.Equal(1, (long)inbox["counts"]!["failed"]!);
        Assert.Single(thread.Slack.Thread(SlackScenario.ChannelId, thread.RootTs)); // the card alone

        using (var retry = await thread.Client.PostAsync($"/api/v1/slack/inbox/retry?kind=slack-sync&id={(string)failed["id"]!}", content: null))
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.Equal(1, (int)JsonNode.Parse(await retry.Content.ReadAsStringAsync())!["retried"]!);
        }

        await SlackScenario.WaitUntilAsync(
            () => thread.Slack.Thread(SlackScenario.ChannelId, thread.RootTs).Count == 2, because: "the retried copy is posted into the thread");
        await thread.WaitForQuietAsync();
        Assert.Equal(2, thread.Slack.Thread(SlackScenario.ChannelId, thread.RootTs).Count);
        Assert.Equal(0, (long)(await thread.InboxAsync("failed"))["counts"]!["failed"]!);
    }

    [Fact]
    public async Task Retention_WhenFinishedItemsAreOlderThanIt_DeletesThemAndKeepsPendingAndFailedOnes()
    {
        await using var thread = await SharedThread.StartAsync(settings: new Dictionary<string, string?>
        {
            ["workQueue:retention"] = "00:00:02",
            ["workQueue:pruneIntervalSeconds"] = "1",
        });
        var done = SlackEvent.NewEventId();
        var failed = SlackEvent.NewEventId();
        Assert.Equal("Done", (await thread.DeliverAsync(SlackEvent.ThreadReply(done, thread.WriteInThread(text: "kept as a reply"), thread.RootTs, text: "kept as a reply"), done)).State);
        Assert.Equal(string.Empty, await PayloadAsync(thread, done)); // the message text is not kept past processing
        Assert.Equal("Failed", (await thread.DeliverAsync(SlackEvent.ThreadReply(failed, thread.WriteInThread(), thread.RootTs, text: new string('y', 100_001)), failed)).State);

        await SlackScenario.WaitUntilAsync(
            async () => await SharedThread.InboxRowAsync(thread.Database, done) is null, TimeSpan.FromSeconds(20), because: "the finished item is pruned");

        Assert.NotNull(await SharedThread.InboxRowAsync(thread.Database, failed)); // failed work waits for an operator
        Assert.Contains(new string('y', 100), await PayloadAsync(thread, failed), StringComparison.Ordinal); // with its text, to retry
        Assert.Single(await thread.RepliesAsync()); // pruning the work item leaves what it made
    }

    private static async Task<string?> PayloadAsync(SharedThread thread, string eventId) =>
        await SlackOAuth.DatabaseInspector.ScalarAsync(
            thread.Database, $"SELECT payload FROM work_items WHERE kind = 'slack-event' AND dedupe_key = '{eventId}'");
}
