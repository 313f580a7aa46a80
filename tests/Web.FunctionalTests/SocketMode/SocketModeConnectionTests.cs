using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Hosting;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;
using CodeStream.Integrations.TestSupport.Slack.SocketMode;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

namespace CodeStream.Integrations.Web.FunctionalTests.SocketMode;

/// <summary>
/// The connections' life through the real host and the fake's WebSocket server: refreshes (the replacement is up
/// before the old one closes), drops without a close frame, connections that stop answering pings, rate limits and
/// a refused token. Nothing acknowledged is lost, nothing is applied twice.
/// </summary>
public sealed class SocketModeConnectionTests
{
    [Fact]
    public async Task ThousandEvents_WhileOneConnectionIsRefreshedEvery100AndTheOtherDroppedTwice_BecomeThousandRepliesEachOnce()
    {
        await using var thread = await SharedThread.StartAsync(settings: SlackScenario.SocketModeSettings());
        var sockets = thread.Slack.SocketMode;
        await sockets.WaitForConnectionsAsync(2);
        var events = Enumerable.Range(0, 1000)
            .Select(i => (Id: SlackEvent.NewEventId(), Ts: thread.WriteInThread(text: $"reply {i}")))
            .ToArray();
        FakeSocketConnection? refreshing = null;
        var drops = 0;

        for (var i = 0; i < events.Length; i++)
        {
            if (i % 100 == 50)
            {
                refreshing = (await sockets.WaitForConnectionsAsync(1)).First(c => c != refreshing);
                await sockets.RequestRefreshAsync(refreshing);
            }

            if (i is 330 or 730)
            {
                var other = (await sockets.WaitForConnectionsAsync(1)).FirstOrDefault(c => c != refreshing);
                if (other is not null)
                {
                    sockets.Drop(other);
                    drops++;
                }
            }

            sockets.SendEvent(SlackEvent.ThreadReply(events[i].Id, events[i].Ts, thread.RootTs));
            if (i % 10 == 9)
            {
                await Task.Delay(20); // about 500 events a second, so refreshes and drops land mid-stream
            }
        }

        await SlackScenario.WaitUntilAsync(
            async () => await thread.CountAsync("work_items", "kind = 'slack-event' AND state = 'Done'") == events.Length,
            TimeSpan.FromSeconds(60),
            "every event is processed");
        await thread.WaitForQuietAsync();

        Assert.Equal(2, drops);
        Assert.Equal(events.Length, (await thread.RepliesAsync()).Count);
        Assert.Equal(events.Length, await thread.CountAsync("work_items", "kind = 'slack-event'"));
        var envelopes = sockets.Envelopes;
        Assert.All(events, e => Assert.Contains(envelopes, envelope => envelope.EventId == e.Id && envelope.IsAcked));
        Assert.All(envelopes.Where(e => e.IsAcked), e => Assert.True(e.AckTime <= TimeSpan.FromSeconds(3), $"{e.EnvelopeId} acknowledged after {e.AckTime}"));
        // An envelope left unacknowledged was lost with a connection that was cut, and Slack delivered it again.
        Assert.All(envelopes.Where(e => !e.IsAcked), e => Assert.True(e.Redelivered && e.Connection!.End == SocketConnectionEnd.Dropped, e.EnvelopeId));

        var retired = sockets.Connections.Where(c => c.RetiredAt is not null).ToArray();
        Assert.Equal(10, retired.Length);
        Assert.All(retired, old =>
        {
            Assert.Equal(SocketConnectionEnd.ClosedByClient, old.End);
            Assert.Contains(sockets.Connections, replacement => replacement.OpenedAt > old.RetiredAt && replacement.OpenedAt < old.EndedAt);
        });
        var health = await SocketModeHealthReport.ReadAsync(thread.Client);
        Assert.True(health.Number("reconnects") >= 12, health.Body);
    }

    [Fact]
    public async Task Connection_WhenItStopsAnsweringPings_IsReplacedAndEventsKeepFlowing()
    {
        await using var thread = await SharedThread.StartAsync(settings: SlackScenario.SocketModeSettings());
        var sockets = thread.Slack.SocketMode;
        var hung = (await sockets.WaitForConnectionsAsync(2))[0];
        var watch = Stopwatch.StartNew();

        sockets.Hang(hung);

        await hung.Ended.WaitAsync(TimeSpan.FromSeconds(10));
        var noticedAfter = watch.Elapsed;
        await SlackScenario.WaitUntilAsync(
            () => sockets.Connections.Count(c => c.TakesEnvelopes) == 2,
            because: "a replacement is up: " + (await SocketModeHealthReport.ReadAsync(thread.Client)).Body);
        await SocketModeEventTests.DeliverAsync(thread, SlackEvent.ThreadReply(SlackEvent.NewEventId(), thread.WriteInThread(), thread.RootTs));
        Assert.True(noticedAfter < TimeSpan.FromSeconds(5), $"the silent connection was given up after {noticedAfter}");
        var health = await SocketModeHealthReport.ReadAsync(thread.Client);
        Assert.True((string?)health.Data["lastReconnectReason"] == "ping_timeout", health.Body);
    }

    [Fact]
    public async Task OpenConnection_WhenSlackAnswersRatelimited_WaitsItsRetryAfterThenConnects()
    {
        await using var scenario = await SlackScenario.StartAsync();
        scenario.Slack.FailNext("apps.connections.open", SlackFault.RateLimited(retryAfterSeconds: 2));
        var settings = SocketModeHostSettings(scenario, connections: 1);

        await using var host = await TestHost.StartAsync(scenario.Database, settings);
        await scenario.Slack.SocketMode.WaitForConnectionsAsync(1);

        var calls = scenario.Slack.CallsTo("apps.connections.open");
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].ReceivedAt - calls[0].ReceivedAt >= TimeSpan.FromSeconds(2), $"retried after {calls[1].ReceivedAt - calls[0].ReceivedAt}");
    }

    [Fact]
    public async Task OpenConnection_WhenSlackRefusesTheAppLevelToken_StopsTryingAndSaysSoInTheHealthStatus()
    {
        await using var scenario = await SlackScenario.StartAsync();
        const string refused = "xapp-1-A0CSAPP01-9990009-notavalidtoken";
        var settings = SocketModeHostSettings(scenario, connections: 2);
        settings["integrations:slack:cloud:appLevelToken"] = refused;

        await using var host = await TestHost.StartAsync(scenario.Database, settings);
        using var client = host.CreateClient(apiKey: null);
        await SlackScenario.WaitUntilAsync(async () => (await SocketModeHealthReport.ReadAsync(client)).State == "Unhealthy", because: "the refusal is reported");
        await Task.Delay(TimeSpan.FromSeconds(3)); // time for a retry storm, if there were one

        var call = Assert.Single(scenario.Slack.CallsTo("apps.connections.open"));
        Assert.Equal("invalid_auth", call.Error);
        var health = await SocketModeHealthReport.ReadAsync(client);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
        Assert.Contains("invalid_auth", health.Description, StringComparison.Ordinal);
        Assert.Contains("integrations:slack:cloud:appLevelToken", health.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(refused, health.Body, StringComparison.Ordinal);
        Assert.Equal(0, health.Number("connectionsUp"));
        using var plain = await client.GetAsync("/health/ready");
        Assert.Equal("Unhealthy", await plain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TwoHosts_EachHoldingConnections_ApplyEveryEventOnceWhicheverHostSlackDeliversItTo()
    {
        await using var thread = await SharedThread.StartAsync(settings: SlackScenario.SocketModeSettings());
        await using var second = await TestHost.StartAsync(thread.Database, SocketModeHostSettings(thread.Scenario, connections: 2));
        var sockets = thread.Slack.SocketMode;
        await sockets.WaitForConnectionsAsync(4);
        var events = Enumerable.Range(0, 100).Select(_ => SlackEvent.ThreadReply(SlackEvent.NewEventId(), thread.WriteInThread(), thread.RootTs)).ToArray();

        // Each event twice, the second time as Slack's redelivery: round robin puts the copies on other connections.
        var envelopes = events.SelectMany(e => new[] { sockets.SendEvent(e), sockets.Send("events_api", e, acceptsResponsePayload: false, retryAttempt: 1) }).ToArray();
        await Task.WhenAll(envelopes.Select(e => e.Acked)).WaitAsync(TimeSpan.FromSeconds(10));
        await thread.WaitForQuietAsync();

        Assert.Equal(events.Length, (await thread.RepliesAsync()).Count);
        Assert.Equal(events.Length, await thread.CountAsync("work_items", "kind = 'slack-event'"));
        var first = await SocketModeHealthReport.ReadAsync(thread.Client);
        using var secondClient = second.CreateClient(apiKey: null);
        var other = await SocketModeHealthReport.ReadAsync(secondClient);
        Assert.True(first.Number("envelopes") > 0 && other.Number("envelopes") > 0, $"{first.Body} / {other.Body}");
        Assert.Equal(envelopes.Length, first.Number("acknowledged") + other.Number("acknowledged"));
    }

    /// <summary>Another host joining the scenario (same database, key ring and fake) with Socket Mode on.</summary>
    private static Dictionary<string, string?> SocketModeHostSettings(SlackScenario scenario, int connections) =>
        scenario.AnotherHostSettings(SlackScenario.SocketModeSettings(connections: connections));
}
