using System.Net;
using System.Net.Sockets;
using CodeStream.Integrations.TestSupport.Hosting;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.Web.FunctionalTests.Operability;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

namespace CodeStream.Integrations.Web.FunctionalTests.SocketMode;

/// <summary>Socket Mode's metrics, and what an unreachable Slack costs: a few attempts, not a spinning loop.</summary>
public sealed class SocketModeMetricsTests
{
    [Fact]
    public async Task Metrics_CountEnvelopesByTypeTheirAcknowledgementsAndReconnectsByReason()
    {
        await using var thread = await SharedThread.StartAsync(settings: SlackScenario.SocketModeSettings());
        using var metrics = new MeterRecorder(thread.Scenario.Host.Services);
        var sockets = thread.Slack.SocketMode;
        var connections = await sockets.WaitForConnectionsAsync(2);

        await SocketModeEventTests.DeliverAsync(thread, SlackEvent.ThreadReply(SlackEvent.NewEventId(), thread.WriteInThread(), thread.RootTs));
        await sockets.Send("slash_commands", """{"command":"/codestream"}""", acceptsResponsePayload: true).Acked.WaitAsync(TimeSpan.FromSeconds(3));
        await sockets.RequestRefreshAsync(connections[0]);
        await connections[0].Ended.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, metrics.Sum("codestream.slack.socket_mode.envelopes", m => m.Tag("type") == "events_api"));
        Assert.Equal(1, metrics.Sum("codestream.slack.socket_mode.acks", m => m.Tag("type") == "slash_commands"));
        Assert.Equal(1, metrics.Sum("codestream.slack.socket_mode.acks", m => m.Tag("type") == "events_api"));
        Assert.Equal(2, metrics.Of("codestream.slack.socket_mode.ack_duration").Count);
        Assert.Equal(1, metrics.Sum("codestream.slack.socket_mode.reconnects", m => m.Tag("reason") == "refresh_requested"));
    }

    [Fact]
    public async Task OpenConnection_WhenSlackCannotBeReached_BacksOffToAFewAttemptsAndReportsNoConnection()
    {
        var logs = new CapturingLoggerProvider();
        using var folder = new TempFolder();
        var settings = SlackScenario.SocketModeSettings(connections: 2);
        settings["storage:connectionString"] = $"Data Source={folder.File("codestream.db")}";
        settings["dataProtection:keysPath"] = folder.File("keys");
        settings["integrations:slack:cloud:apiBaseUrl"] = $"http://127.0.0.1:{ClosedPort()}/api/";

        await using var host = await TestHost.StartAsync(settings, loggerProvider: logs);
        await Task.Delay(TimeSpan.FromSeconds(8));

        var attempts = logs.Entries.Count(e => e.EventId.Id == 4203);
        Assert.InRange(attempts, 1, 4); // each wait doubles (1, 2, 4 … 30 s); the second slot waits for the first
        using var client = host.CreateClient(apiKey: null);
        var health = await SocketModeHealthReport.ReadAsync(client);
        Assert.Equal("Degraded", health.State);
        Assert.Equal(0, health.Number("connectionsUp"));
    }

    /// <summary>A loopback port nothing listens on: connections to it are refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
