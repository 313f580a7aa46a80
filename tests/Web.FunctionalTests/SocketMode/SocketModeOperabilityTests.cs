using System.Net;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Hosting;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.Web.FunctionalTests.Operability;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

namespace CodeStream.Integrations.Web.FunctionalTests.SocketMode;

/// <summary>
/// What an operator meets with Socket Mode: start-up refuses a missing or wrong app-level token naming the key; the
/// manifest turns Socket Mode on and asks for no request URL; the setup page shows the connections and masks the
/// token; each reconnect is one log line with its reason, and no log line holds the token or a connection ticket;
/// hostile messages on the socket change nothing.
/// </summary>
public sealed class SocketModeOperabilityTests
{
    public static TheoryData<string?, string?, string> BadSettings => new()
    {
        { null, null, "integrations:slack:cloud:appLevelToken" },
        { "", null, "integrations:slack:cloud:appLevelToken" },
        { "xoxb-1-2-a-bot-token-pasted-by-mistake", null, "integrations:slack:cloud:appLevelToken" },
        { SlackScenario.AppLevelToken, "11", "integrations:slack:cloud:socketModeConnections" },
        { SlackScenario.AppLevelToken, "0", "integrations:slack:cloud:socketModeConnections" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task StartAsync_WhenSocketModeIsOnWithoutAUsableAppLevelToken_FailsNamingTheKeyAndNotTheValue(string? token, string? connections, string named)
    {
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["storage:connectionString"] = $"Data Source={folder.File("codestream.db")}",
            ["dataProtection:keysPath"] = folder.File("keys"),
            ["integrations:slack:cloud:socketMode"] = "true",
            ["integrations:slack:cloud:appLevelToken"] = token,
            ["integrations:slack:cloud:socketModeConnections"] = connections,
        };

        var failure = await Assert.ThrowsAnyAsync<Exception>(async () => await (await TestHost.StartAsync(settings)).DisposeAsync());

        var messages = string.Join(" | ", Messages(failure));
        Assert.Contains(named, messages, StringComparison.Ordinal);
        Assert.DoesNotContain("pasted-by-mistake", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manifest_WithSocketMode_TurnsItOnAndDropsBothRequestUrlsButKeepsTheOAuthRedirect()
    {
        await using var scenario = await SlackScenario.StartAsync(settings: SlackScenario.SocketModeSettings());

        var manifest = JsonNode.Parse(await scenario.Client.GetStringAsync("/api/v1/slack/manifest"))!;

        Assert.True((bool)manifest["settings"]!["socket_mode_enabled"]!);
        Assert.Null(manifest["settings"]!["event_subscriptions"]!["request_url"]);
        Assert.Null(manifest["settings"]!["interactivity"]!["request_url"]);
        Assert.True((bool)manifest["settings"]!["interactivity"]!["is_enabled"]!);
        Assert.NotEmpty(manifest["settings"]!["event_subscriptions"]!["bot_events"]!.AsArray());
        Assert.Equal(SlackScenario.PublicOrigin + "/no-auth/provider-token/slack", (string?)manifest["oauth_config"]!["redirect_urls"]![0]);
    }

    [Fact]
    public async Task SetupPage_WithSocketMode_ShowsTheConnectionsAndMasksTheToken()
    {
        await using var scenario = await SlackScenario.StartAsync(settings: SlackScenario.SocketModeSettings());
        await scenario.Slack.SocketMode.WaitForConnectionsAsync(2);
        await SlackScenario.WaitUntilAsync(async () => (await SocketModeHealthReport.ReadAsync(scenario.Client)).Number("connectionsUp") == 2);

        var page = await scenario.Client.GetStringAsync("/");

        Assert.Contains("<h2>Socket Mode</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<td>Connections up</td><td>2 of 2</td>", page, StringComparison.Ordinal);
        Assert.Contains("data-check=\"Socket Mode connected\" data-ok=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("<code>integrations:slack:cloud:appLevelToken</code></td><td>set (hidden)</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackScenario.AppLevelToken, page, StringComparison.Ordinal);
        Assert.DoesNotContain("Event subscriptions request URL", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_WhenConnectionsAreRefreshedAndDropped_HaveOneLinePerReconnectWithItsReasonAndNoTokenOrTicket()
    {
        var logs = new CapturingLoggerProvider();
        await using var scenario = await SlackScenario.StartAsync(settings: SlackScenario.SocketModeSettings(), loggerProvider: logs);
        var sockets = scenario.Slack.SocketMode;
        var connections = await sockets.WaitForConnectionsAsync(2);

        await sockets.RequestRefreshAsync(connections[0], "warning");
        await connections[0].Ended.WaitAsync(TimeSpan.FromSeconds(10));
        sockets.Drop(connections[1]);
        await SlackScenario.WaitUntilAsync(() => sockets.Connections.Count(c => c.TakesEnvelopes) == 2, because: "both are replaced");

        var entries = logs.Entries;
        Assert.Single(entries, e => e.EventId.Id == 4201 && e.Message.Contains("(warning)", StringComparison.Ordinal));
        Assert.Single(entries, e => e.EventId.Id == 4202 && e.Message.Contains("dropped", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.AllText.Contains(SlackScenario.AppLevelToken, StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.AllText.Contains("ticket=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostileMessages_OnTheSocket_AreIgnoredOrAcknowledgedAndChangeNothing()
    {
        await using var thread = await SharedThread.StartAsync(settings: SlackScenario.SocketModeSettings(connections: 1));
        var sockets = thread.Slack.SocketMode;
        var connection = (await sockets.WaitForConnectionsAsync(1))[0];
        var before = await thread.CountAsync("work_items");

        await sockets.SendRawAsync(connection, "not json at all");
        await sockets.SendRawAsync(connection, """{"type":"events_api","payload":{"type":"event_callback"}}"""); // no envelope id
        await sockets.SendRawAsync(connection, "{\"type\":\"events_api\",\"envelope_id\":\"e1\",\"payload\":{\"type\":\"event_callback\",\"event_id\":\"\\ud800\"}}");
        var noEventId = sockets.SendEvent("""{"type":"event_callback","event":{"type":"message"}}""");
        var notAnInteraction = sockets.SendInteractive("""{"no_type":true}""", acceptsResponsePayload: true);

        Assert.Null(await noEventId.Acked.WaitAsync(TimeSpan.FromSeconds(3)));
        Assert.Null(await notAnInteraction.Acked.WaitAsync(TimeSpan.FromSeconds(3)));
        Assert.True(connection.IsOpen);
        Assert.Equal(before, await thread.CountAsync("work_items"));

        // The host may cut the connection before the whole message is written: that is the point.
        await Record.ExceptionAsync(() => sockets.SendRawAsync(connection, "{\"type\":\"events_api\",\"padding\":\"" + new string('x', 1_100_000) + "\"}"));
        await connection.Ended.WaitAsync(TimeSpan.FromSeconds(5)); // a message over 1 MiB: the host gives the connection up
        await sockets.WaitForConnectionsAsync(1);
        await SocketModeEventTests.DeliverAsync(thread, SlackEvent.ThreadReply(SlackEvent.NewEventId(), thread.WriteInThread(), thread.RootTs));
    }

    private static IEnumerable<string> Messages(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            yield return e.Message;
        }

        if (exception is AggregateException aggregate)
        {
            foreach (var inner in aggregate.InnerExceptions.SelectMany(Messages))
            {
                yield return inner;
            }
        }
    }
}
