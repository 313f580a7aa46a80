using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

namespace CodeStream.Integrations.Web.FunctionalTests.SocketMode;

/// <summary>
/// With Socket Mode the host keeps running while its connections are down (its heartbeat goes on): an outage longer
/// than <c>slack:resync:gap</c> is noticed when a connection is back, and the threads of that gap are read again.
/// </summary>
public sealed class SocketModeResyncTests
{
    [Fact]
    public async Task ConnectionsDownLongerThanTheGap_WhenOneIsBack_ReadTheRepliesWrittenMeanwhile()
    {
        var settings = SlackScenario.SocketModeSettings();
        settings["slack:resync:gap"] = "00:00:02";
        await using var thread = await SharedThread.StartAsync(settings: settings);
        var sockets = thread.Slack.SocketMode;
        var connections = await sockets.WaitForConnectionsAsync(2);
        await SocketModeEventTests.DeliverAsync(thread, SlackEvent.ThreadReply(SlackEvent.NewEventId(), thread.WriteInThread(text: "before"), thread.RootTs, text: "before"));

        thread.Slack.FailNext("apps.connections.open", SlackFault.RateLimited(retryAfterSeconds: 4), times: 2);
        foreach (var connection in connections)
        {
            sockets.Drop(connection);
        }

        var meanwhile = Enumerable.Range(0, 5).Select(i => $"while the sockets were down {i}").ToList();
        foreach (var text in meanwhile)
        {
            thread.WriteInThread(text: text);
        }

        await SlackScenario.WaitUntilAsync(
            async () => await thread.CountAsync("slack_resync_runs", "trigger_name = 'socket-mode' AND state = 'finished'") == 1,
            TimeSpan.FromSeconds(30),
            "the outage is read back once a connection is up");
        var texts = (await thread.RepliesAsync()).Select(r => (string)r!["text"]!).ToList();
        Assert.Equal(["before", .. meanwhile], texts.Order());
        Assert.Equal(1, await thread.CountAsync("slack_resync_runs"));
    }
}
