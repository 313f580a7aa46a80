using System.Net;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.Web.FunctionalTests.Operability;
using Microsoft.Extensions.Logging;
using static CodeStream.Integrations.Web.FunctionalTests.SlackInteractivity.InteractivityDriver;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackInteractivity;

/// <summary>
/// A signed payload names the <c>response_url</c> the host posts its ephemeral note to. Only Slack's https hosts and
/// the operator's list are called; a payload naming another host gets no request from this host, only a log line.
/// </summary>
public sealed class ResponseUrlPolicyTests
{
    [Fact]
    public async Task ResponseUrl_OnAHostNotAllowed_IsNeverCalledAndIsLogged()
    {
        var logs = new CapturingLoggerProvider();
        await using var scenario = await SlackScenario.StartAsync(loggerProvider: logs);
        var (teamId, _, _) = await scenario.ConnectedCodemarkAsync();

        // The fake answers on 127.0.0.1 (allowed in tests); the same URL by the name "localhost" is another host.
        var allowed = scenario.Slack.NewResponseUrl();
        var foreign = new UriBuilder(scenario.Slack.NewResponseUrl()) { Host = "localhost" }.Uri;
        foreach (var responseUrl in new[] { foreign, allowed })
        {
            var trigger = InteractivityPayloads.NewTriggerId();
            scenario.Slack.RegisterTrigger(trigger);
            var answer = await SendAsync(scenario, InteractivityPayloads.ReplyButton("cm_0199a0b1c2d37e8f9a0b1c2d3e4f5a6b", teamId, trigger, responseUrl));
            Assert.Equal(HttpStatusCode.OK, answer.Status);
        }

        // The allowed note arrives; by then the foreign one has long been decided.
        await SlackScenario.WaitUntilAsync(() => scenario.Slack.ResponseUrlPosts(allowed).Count > 0, because: "the allowed note is posted");
        await SlackScenario.WaitUntilAsync(
            () => logs.Entries.Any(e => e.EventId.Id == 6002), because: "the refused response_url is logged");
        Assert.Empty(scenario.Slack.ResponseUrlPosts(foreign));
        var refusal = Assert.Single(logs.Entries, e => e.EventId.Id == 6002);
        Assert.Equal(LogLevel.Warning, refusal.Level);
        Assert.Contains("http://localhost", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(foreign.AbsolutePath, refusal.AllText, StringComparison.Ordinal); // the path is the credential
    }
}
