using System.Diagnostics;
using System.Net;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;
using Xunit.Abstractions;

namespace CodeStream.Integrations.Web.FunctionalTests.WorkQueue;

/// <summary>
/// Work people wait for is not held up by work they don't: a reply written in CodeStream reaches its Slack thread
/// while thousands of Slack events are being worked off, and a rate limit on one Slack method defers only the items
/// that need that method (once, for everyone), while the rest carries on.
/// </summary>
public sealed class WorkQueueLaneTests(ITestOutputHelper output)
{
    private const int BurstEvents = 20_000;

    [Fact]
    public async Task ReplyWrittenInCodeStream_DuringABurstOfSlackEvents_ReachesItsThreadWithinTwoSeconds()
    {
        await using var thread = await SharedThread.StartAsync();
        var sent = 0;
        var burst = Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref sent)) <= BurstEvents)
            {
                var ts = $"{1_800_000_000 + n}.000300";
                using var response = await thread.PostEventAsync(SlackEvent.ThreadReply($"EvBurst{n:D6}", ts, thread.RootTs, text: $"burst {n}"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }));
        await SlackScenario.WaitUntilAsync(
            async () => await thread.CountAsync("work_items", "kind = 'slack-event' AND state = 'Pending'") >= 2_000,
            TimeSpan.FromSeconds(60),
            because: "a backlog of Slack events builds up");

        var watch = Stopwatch.StartNew();
        await thread.ReplyInCodeStreamAsync("written in CodeStream");

        await SlackScenario.WaitUntilAsync(
            () => thread.Slack.Thread(SlackScenario.ChannelId, thread.RootTs).Any(m => m.Text?.Contains("written in CodeStream", StringComparison.Ordinal) == true),
            TimeSpan.FromSeconds(30),
            because: "the reply is copied into its thread");
        var copied = watch.Elapsed;
        var backlog = await thread.CountAsync("work_items", "kind = 'slack-event' AND state IN ('Pending', 'Processing')");
        await burst;

        output.WriteLine($"copied in {copied.TotalMilliseconds:0} ms with {backlog} Slack events still waiting");
        Assert.True(backlog > 0, "the burst was still being worked off");
        Assert.True(copied < TimeSpan.FromSeconds(2), $"copied after {copied.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task RateLimitOnOneMethod_DefersOnlyTheItemsThatNeedItAndTheRestIsProcessedWithinTwoSeconds()
    {
        await using var thread = await SharedThread.StartAsync();
        var known = SlackEvent.NewEventId(); // Grace writes first: her profile is known from then on
        Assert.Equal("Done", (await thread.DeliverAsync(SlackEvent.ThreadReply(known, thread.WriteInThread(), thread.RootTs), known)).State);
        var newcomers = Enumerable.Range(1, 3).Select(i => $"U0NEW000{i}").ToList();
        foreach (var id in newcomers)
        {
            thread.Slack.AddUser(SlackScenario.SlackTeamId, id, $"new{id[^1]}", $"Newcomer {id[^1]}", $"{id}@example.org");
        }

        thread.Slack.FailNext("users.info", SlackFault.RateLimited(30));
        var deferred = newcomers.Select(id => (Id: SlackEvent.NewEventId(), Ts: thread.WriteInThread(slackUserId: id), User: id)).ToList();
        foreach (var (id, ts, user) in deferred)
        {
            // One after the other: a call already on its way when the 429 comes back can't be called back.
            using var response = await thread.PostEventAsync(SlackEvent.ThreadReply(id, ts, thread.RootTs, user: user));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await SlackScenario.WaitUntilAsync(
                async () => (await SharedThread.InboxRowAsync(thread.Database, id))?.Result?.Contains("ratelimited", StringComparison.Ordinal) == true,
                because: "the newcomer's event meets the rate limit");
        }

        var watch = Stopwatch.StartNew();
        var meanwhile = SlackEvent.NewEventId();
        var fromGrace = await thread.DeliverAsync(SlackEvent.ThreadReply(meanwhile, thread.WriteInThread(text: "meanwhile"), thread.RootTs, text: "meanwhile"), meanwhile);
        await thread.ReplyInCodeStreamAsync("copy me");

        await SlackScenario.WaitUntilAsync(
            () => thread.Slack.Thread(SlackScenario.ChannelId, thread.RootTs).Any(m => m.Text?.Contains("copy me", StringComparison.Ordinal) == true),
            TimeSpan.FromSeconds(10),
            because: "the CodeStream reply is copied into the thread");
        var elapsed = watch.Elapsed;

        Assert.Equal("Done", fromGrace.State);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"processed after {elapsed.TotalMilliseconds:0} ms");
        // One 429 paused the method for every item: the later newcomers' events never called Slack.
        Assert.Equal(429, thread.Slack.CallsTo("users.info")[^1].StatusCode);
        Assert.Single(thread.Slack.CallsTo("users.info"), c => c.StatusCode == 429);
        foreach (var (id, _, _) in deferred)
        {
            var row = await SharedThread.InboxRowAsync(thread.Database, id);
            Assert.Equal("Pending", row!.State); // deferred to the Retry-After, not failed
            Assert.Equal(0, row.Attempts); // a deferral is not an attempt
            Assert.Equal("slack users.info: ratelimited", row.Result);
        }
    }
}
