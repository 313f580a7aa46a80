using System.Net;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack.SocketMode;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

namespace CodeStream.Integrations.Web.FunctionalTests.SocketMode;

/// <summary>
/// Socket Mode through the real host and the fake's real WebSocket server: the host has no signing secret, so the
/// sockets are the only way Slack's events come in; each envelope goes through the same inbox as the request URL.
/// </summary>
public sealed class SocketModeEventTests
{
    [Fact]
    public async Task ThreadReplyEditAndDelete_OverTheSocket_BecomeTheCodemarksReplyItsEditAndItsDeletion()
    {
        await using var thread = await SharedThread.StartAsync(settings: SlackScenario.SocketModeSettings());
        var sockets = thread.Slack.SocketMode;
        await sockets.WaitForConnectionsAsync(2);
        var ts = thread.WriteInThread();

        var created = await DeliverAsync(thread, SlackEvent.ThreadReply(SlackEvent.NewEventId(), ts, thread.RootTs));
        var reply = Assert.Single(await thread.RepliesAsync())!;
        Assert.Equal(SlackEvent.ThreadReplyMarkdown, (string?)reply["text"]);

        await DeliverAsync(thread, SlackEvent.MessageChanged(SlackEvent.NewEventId(), ts, thread.RootTs, eventTs: thread.WriteInThread()));
        Assert.Equal(SlackEvent.EditedMarkdown, (string?)Assert.Single(await thread.RepliesAsync())!["text"]);

        await DeliverAsync(thread, SlackEvent.MessageDeleted(SlackEvent.NewEventId(), ts, thread.RootTs, thread.WriteInThread()));
        Assert.True((bool)Assert.Single(await thread.RepliesAsync())!["deleted"]!);

        Assert.Null(await created.Acked); // an events_api acknowledgement carries no payload
        Assert.All(sockets.Envelopes, e => Assert.True(e.AckTime < TimeSpan.FromSeconds(3), $"{e.EnvelopeId} acknowledged after {e.AckTime}"));
    }

    [Fact]
    public async Task Redelivery_WithARetryAttemptAndTheSameEventId_IsAcknowledgedAndAppliedOnce()
    {
        await using var thread = await SharedThread.StartAsync(settings: SlackScenario.SocketModeSettings());
        var sockets = thread.Slack.SocketMode;
        await sockets.WaitForConnectionsAsync(2);
        var eventId = SlackEvent.NewEventId();
        var body = SlackEvent.ThreadReply(eventId, thread.WriteInThread(), thread.RootTs);

        await DeliverAsync(thread, body);
        var again = sockets.Send("events_api", body, acceptsResponsePayload: false, retryAttempt: 1);
        await again.Acked.WaitAsync(TimeSpan.FromSeconds(3));
        await thread.WaitForQuietAsync();

        Assert.Equal(1, await thread.InboxRowCountAsync(eventId));
        Assert.Single(await thread.RepliesAsync());
    }

    [Fact]
    public async Task SlashCommandsAndUnknownEnvelopeTypes_AreAcknowledgedAndChangeNothing()
    {
        await using var thread = await SharedThread.StartAsync(settings: SlackScenario.SocketModeSettings());
        var sockets = thread.Slack.SocketMode;
        await sockets.WaitForConnectionsAsync(2);
        var before = await thread.CountAsync("work_items");

        var command = sockets.Send("slash_commands", """{"command":"/codestream","text":"help","team_id":"T0AAA0001"}""", acceptsResponsePayload: true);
        var unknown = sockets.Send("something_new", """{"whatever":1}""", acceptsResponsePayload: false);

        Assert.Null(await command.Acked.WaitAsync(TimeSpan.FromSeconds(3)));
        Assert.Null(await unknown.Acked.WaitAsync(TimeSpan.FromSeconds(3)));
        Assert.Equal(before, await thread.CountAsync("work_items"));
    }

    [Fact]
    public async Task RequestUrl_WithSocketModeOnAndNoSigningSecret_RefusesAnEventSignedWithAnyKey()
    {
        await using var thread = await SharedThread.StartAsync(settings: SlackScenario.SocketModeSettings());
        var eventId = SlackEvent.NewEventId();

        using var response = await thread.PostEventAsync(SlackEvent.ThreadReply(eventId, thread.WriteInThread(), thread.RootTs));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await SharedThread.InboxRowAsync(thread.Database, eventId));
    }

    [Fact]
    public async Task RequestUrl_WithSocketModeOnAndASigningSecret_StillAcceptsASignedEventOnce()
    {
        await using var thread = await SharedThread.StartAsync(settings: SlackScenario.SocketModeSettings(withSigningSecret: true));
        await thread.Slack.SocketMode.WaitForConnectionsAsync(2);
        var eventId = SlackEvent.NewEventId();
        var body = SlackEvent.ThreadReply(eventId, thread.WriteInThread(), thread.RootTs);

        var row = await thread.DeliverAsync(body, eventId);
        var overTheSocket = thread.Slack.SocketMode.SendEvent(body); // the same event also arrives over a connection
        await overTheSocket.Acked.WaitAsync(TimeSpan.FromSeconds(3));

        Assert.Equal("Done", row.State);
        Assert.Equal(1, await thread.InboxRowCountAsync(eventId));
        Assert.Single(await thread.RepliesAsync());
    }

    /// <summary>Sends the event over the socket, waits for its acknowledgement and for its inbox item to finish.</summary>
    internal static async Task<SocketEnvelope> DeliverAsync(SharedThread thread, string eventJson)
    {
        var envelope = thread.Slack.SocketMode.SendEvent(eventJson);
        await envelope.Acked.WaitAsync(TimeSpan.FromSeconds(3));
        var row = await thread.WaitForEventAsync((string)JsonNode.Parse(eventJson)!["event_id"]!);
        Assert.Equal("Done", row.State);
        return envelope;
    }
}
