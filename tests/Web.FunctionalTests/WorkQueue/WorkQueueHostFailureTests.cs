using System.Diagnostics;
using System.Net;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;
using CodeStream.Integrations.TestSupport.Hosting;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;
using CodeStream.Integrations.Web.FunctionalTests.Operability;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;
using Xunit.Abstractions;

namespace CodeStream.Integrations.Web.FunctionalTests.WorkQueue;

/// <summary>
/// Hosts that die or stall, as separate processes on one database: a host killed (SIGKILL) with items in flight gives
/// them up within its 15 s lease and the next host applies each once; two hosts on PostgreSQL, one of them told by
/// Slack to wait 70 s (longer than a lease), copy each reply into its thread once.
/// </summary>
public sealed class WorkQueueHostFailureTests(ITestOutputHelper output)
{
    private const int Newcomers = 30;

    [Fact]
    public async Task ItemsInFlight_WhenTheirHostIsKilled_AreAllAppliedOnceWithinFifteenSecondsOfTheRestart()
    {
        var keys = KeysPath();
        await using var thread = await SharedThread.StartAsync(settings: Idle(keys));
        var settings = ProcessSettings(thread.Scenario, keys);
        var events = Enumerable.Range(1, Newcomers).Select(i =>
        {
            var user = $"U0KIL{i:D4}";
            thread.Slack.AddUser(SlackScenario.SlackTeamId, user, $"newcomer{i}", $"Newcomer {i}", $"{user}@example.org");
            return (Id: $"EvKill{i:D4}", Ts: thread.WriteInThread(slackUserId: user), User: user);
        }).ToList();
        thread.Slack.Latency = TimeSpan.FromSeconds(3); // each newcomer's users.info holds its item in flight

        await using (var first = await WebHostProcess.StartAsync(settings))
        {
            using var client = first.CreateClient();
            foreach (var (id, ts, user) in events)
            {
                using var response = await SharedThread.PostSignedAsync(client, SlackEvent.ThreadReply(id, ts, thread.RootTs, user: user));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            await SlackScenario.WaitUntilAsync(
                async () => await thread.CountAsync("work_items", "kind = 'slack-event' AND state = 'Processing'") >= 10,
                because: "the first host has items in flight");
        } // killed: SIGKILL, no shutdown of any kind

        var inFlight = await thread.CountAsync("work_items", "kind = 'slack-event' AND state = 'Processing'");
        thread.Slack.Latency = TimeSpan.FromMilliseconds(100);
        await using var second = await WebHostProcess.StartAsync(settings);
        var restarted = Stopwatch.StartNew();
        await SlackScenario.WaitUntilAsync(
            async () => await thread.CountAsync("work_items", "kind = 'slack-event' AND state = 'Done'") == Newcomers,
            TimeSpan.FromSeconds(60),
            because: "every acknowledged event is applied after the restart");
        var elapsed = restarted.Elapsed;

        output.WriteLine($"{inFlight} items in flight at the kill; all {Newcomers} applied {elapsed.TotalSeconds:0.0} s after the restart");
        Assert.True(inFlight > 0, "the kill found items in flight");
        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"applied {elapsed.TotalSeconds:0.0} s after the restart");
        Assert.Equal(Newcomers, (await thread.RepliesAsync()).Count);
        Assert.Equal(Newcomers, await thread.CountAsync("slack_message_copies", "post_id IN (SELECT id FROM posts WHERE origin = 'Slack')"));
        Assert.Equal(Newcomers, await thread.CountAsync("users", "external_user_id IS NOT NULL")); // one faux user each, never two
    }

    [SkippableFact]
    public async Task ReplyCopies_WhenSlackAsksOneOfTwoHostsToWaitLongerThanALease_ArePostedOnceEach()
    {
        TestDatabase.SkipUnlessAvailable(DatabaseProvider.Postgres);
        var keys = KeysPath();
        await using var thread = await SharedThread.StartAsync(DatabaseProvider.Postgres, Idle(keys));
        var settings = ProcessSettings(thread.Scenario, keys);
        settings["workQueue:leaseSeconds"] = "5"; // Slack's 70 s is fourteen leases
        await using var one = await WebHostProcess.StartAsync(settings);
        await using var two = await WebHostProcess.StartAsync(settings);
        thread.Slack.FailNext("chat.postMessage", SlackFault.RateLimited(70));

        using var client = one.CreateClient(TestHost.ApiKey);
        var texts = Enumerable.Range(1, 4).Select(i => $"reply {i} from CodeStream").ToList();
        foreach (var text in texts)
        {
            await thread.ReplyInCodeStreamAsync(text, client);
        }

        await SlackScenario.WaitUntilAsync(
            () => texts.All(t => Copies(thread, t) >= 1),
            TimeSpan.FromSeconds(120),
            because: "every reply is copied once Slack's 70 s are over");
        await thread.WaitForQuietAsync(TimeSpan.FromSeconds(30));

        var limited = Assert.Single(thread.Slack.CallsTo("chat.postMessage"), c => c.StatusCode == 429);
        var late = thread.Slack.CallsTo("chat.postMessage").Where(c => c.Succeeded && c.ReceivedAt - limited.ReceivedAt >= TimeSpan.FromSeconds(70)).ToList();
        output.WriteLine($"{late.Count} copy(ies) waited out the 70 s; posts: {thread.Slack.CallsTo("chat.postMessage").Count}");
        Assert.NotEmpty(late); // the limited item waited Slack's Retry-After, outside any lease
        Assert.All(texts, t => Assert.Equal(1, Copies(thread, t)));
        Assert.Equal(0, await thread.CountAsync("work_items", "state = 'Failed'"));
    }

    private static int Copies(SharedThread thread, string text) =>
        thread.Slack.Thread(SlackScenario.ChannelId, thread.RootTs).Count(m => m.Text?.Contains(text, StringComparison.Ordinal) == true);

    private static string KeysPath() => Path.Combine(Path.GetTempPath(), "codestream-tests", "keys-hosts-" + Guid.NewGuid().ToString("N"));

    /// <summary>The in-process host serves the product API (connect, codemark, share) and processes nothing.</summary>
    private static Dictionary<string, string?> Idle(string keys) => new()
    {
        ["dataProtection:keysPath"] = keys,
        ["workQueue:processorEnabled"] = "false",
    };

    /// <summary>A standalone host joining the test's world, its processor on.</summary>
    private static Dictionary<string, string> ProcessSettings(SlackScenario scenario, string keys)
    {
        var settings = scenario.StandaloneHostSettings(keys);
        settings["workQueue:processorEnabled"] = "true";
        return settings;
    }
}
