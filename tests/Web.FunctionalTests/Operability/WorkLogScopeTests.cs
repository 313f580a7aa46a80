using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Web.FunctionalTests.Operability;

/// <summary>
/// Logs an operator can use: every line of a Slack event's work carries its event_id (a scope), and the host's
/// default levels (its appsettings.json) keep the HTTP client's per-call lines out; a reply's copy work and a share
/// carry the codemark's and the reply's ids.
/// </summary>
public sealed class WorkLogScopeTests
{
    [Fact]
    public async Task LinesOfAnEventsWork_FromAnyCategory_CarryItsEventId()
    {
        var logs = new CapturingLoggerProvider();
        var (eventId, _) = await DeliverFromANewcomerAsync(logs, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:System.Net.Http"] = "Trace",
        });

        var work = logs.Entries.Where(e => e.Scopes.Any(s => s == "WorkKind=slack-event")).ToList();
        Assert.Contains(work, e => e.Category.StartsWith("System.Net.Http", StringComparison.Ordinal) && e.AllText.Contains("users.info", StringComparison.Ordinal));
        Assert.Contains(work, e => e.Category.Contains("WorkItemRunner", StringComparison.Ordinal));
        Assert.All(work, e => Assert.Contains($"WorkKey={eventId}", e.Scopes));
    }

    [Fact]
    public async Task LinesOfAReplysCopyWork_CarryTheCodemarkAndReplyIds()
    {
        var logs = new CapturingLoggerProvider();
        await using var scenario = await SlackScenario.StartAsync(
            settings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:System.Net.Http"] = "Trace" },
            loggerProvider: logs);
        var (_, adaId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var rootTs = (string)(await scenario.ShareToChannelAsync(codemarkId, adaId))["postId"]!;

        var reply = await scenario.PostJsonAsync($"/api/v1/codemarks/{codemarkId}/replies", new { creatorId = adaId, text = "copied with ids" });
        await SlackScenario.WaitUntilAsync(() => scenario.Slack.Thread(SlackScenario.ChannelId, rootTs).Any(m => m.IsReply), because: "the reply is copied");
        await SlackScenario.WaitUntilAsync(
            () => logs.Entries.Any(e => e.Scopes.Contains("WorkKind=slack-sync") && e.Category.Contains("WorkItemRunner", StringComparison.Ordinal)),
            because: "the copy's work is logged");

        var replyId = (string)reply["id"]!;
        var slackCalls = logs.Entries.Where(e => e.Scopes.Contains("WorkKind=slack-sync") && e.Category.StartsWith("System.Net.Http", StringComparison.Ordinal)).ToList();
        Assert.Contains(slackCalls, e => e.AllText.Contains("chat.postMessage", StringComparison.Ordinal));
        Assert.All(slackCalls, e =>
        {
            Assert.Contains($"CodemarkId={codemarkId}", e.Scopes);
            Assert.Contains($"ReplyId={replyId}", e.Scopes);
        });
        var share = logs.Entries.Where(e => e.Category.StartsWith("System.Net.Http", StringComparison.Ordinal) && e.AllText.Contains("conversations.invite", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(share);
        Assert.All(share, e => Assert.Contains($"CodemarkId={codemarkId}", e.Scopes));
    }

    [Fact]
    public async Task SlackCalls_AtTheHostsDefaultLevels_WriteNoInformationLines()
    {
        var logs = new CapturingLoggerProvider();
        var (_, calls) = await DeliverFromANewcomerAsync(logs, new Dictionary<string, string?>());

        Assert.True(calls > 3, $"{calls} Slack calls made");
        Assert.DoesNotContain(logs.Entries, e => e.Level < LogLevel.Warning && (e.Category.StartsWith("System.Net.Http", StringComparison.Ordinal) || e.Category.StartsWith("Polly", StringComparison.Ordinal)));
    }

    /// <summary>Connect, share, and a thread reply by someone CodeStream does not know (users.info is called for them).</summary>
    private static async Task<(string EventId, int SlackCalls)> DeliverFromANewcomerAsync(CapturingLoggerProvider logs, Dictionary<string, string?> settings)
    {
        await using var scenario = await SlackScenario.StartAsync(settings: settings, loggerProvider: logs);
        var (_, adaId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var rootTs = (string)(await scenario.ShareToChannelAsync(codemarkId, adaId))["postId"]!;
        const string newcomer = "U0LOG0001";
        scenario.Slack.AddUser(SlackScenario.SlackTeamId, newcomer, "newcomer", "New Comer", "newcomer@elsewhere.example");
        var eventId = SlackEvent.NewEventId();
        var ts = scenario.Slack.AddMessage(SlackScenario.ChannelId, newcomer, "hello from Slack", threadTs: rootTs);
        using (var response = await SharedThread.PostSignedAsync(scenario.Client, SlackEvent.ThreadReply(eventId, ts, rootTs, user: newcomer)))
        {
            Assert.True(response.IsSuccessStatusCode);
        }

        Assert.Equal("Done", (await SharedThread.WaitForEventAsync(scenario.Database, eventId)).State);
        return (eventId, scenario.Slack.Calls.Count);
    }
}
