using System.Net;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Hosting;
using CodeStream.Integrations.TestSupport.Scenarios;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Web.FunctionalTests.Operability;

/// <summary>
/// Secrets and tokens never reach the logs (spec §7.1, §10): a whole day of the integration — OAuth connect, share, a
/// reply from CodeStream, a signed thread reply from Slack, the reply button and the modal — logged at Trace with every
/// value and scope, holds no token, OAuth code, client secret, signing secret, API key or request signature. (One known
/// leak, ASP.NET Core's own request line carrying the OAuth callback's code, is the skipped test with its description.)
/// </summary>
public sealed class LogHygieneTests
{
    /// <summary>ASP.NET Core's own request lines ("Request starting/finished GET …?code=…&amp;state=…").</summary>
    private const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    [Fact]
    public async Task Logs_WhenAFullScenarioRunsAtTrace_ContainNoSecretTokenOrSignature()
    {
        var (entries, secrets) = await RunFullScenarioAsync();

        // Everything, everywhere; the one known exception (the framework's request line carrying the OAuth code) is
        // the skipped test below.
        var leaks = Leaks(entries, secrets, (entry, secret) => secret.Name == "OAuth code" && IsFrameworkRequestLine(entry));

        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    [Fact]
    public async Task Logs_WhenTheOAuthCallbackIsLoggedByTheHost_ContainNoOAuthCode()
    {
        var (entries, secrets) = await RunFullScenarioAsync();

        var leaks = Leaks(entries, secrets, (_, _) => false);

        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    private static bool IsFrameworkRequestLine(CapturedLog entry) => entry.Category == HostingDiagnostics && entry.EventId.Id is 1 or 2;

    private static List<string> Leaks(
        IReadOnlyList<CapturedLog> entries, IReadOnlyList<(string Name, string Value)> secrets, Func<CapturedLog, (string Name, string Value), bool> excused)
    {
        var leaks = (
            from entry in entries
            let text = entry.AllText
            from secret in secrets
            where text.Contains(secret.Value, StringComparison.Ordinal) && !excused(entry, secret)
            select $"{secret.Name} in {entry}").ToList();
        // Slack token prefixes with their dash: base64 ciphertext in a log line (an OAuth state) may hold "xox" by chance.
        leaks.AddRange(
            from entry in entries
            from prefix in new[] { "xoxb-", "xoxp-", "xoxe-" }
            where entry.AllText.Contains(prefix, StringComparison.Ordinal)
            select $"'{prefix}' in {entry}");
        leaks.AddRange(entries.Where(e => e.AllText.Contains("v0=", StringComparison.Ordinal)).Select(e => $"'v0=' in {e}"));

        // Data Protection ciphertext ("CfDJ8…"): connect tickets, OAuth states, tokens at rest.
        leaks.AddRange(entries.Where(e => e.AllText.Contains("CfDJ8", StringComparison.Ordinal)).Select(e => $"ciphertext in {e}"));
        return [.. leaks.Distinct()];
    }

    /// <summary>
    /// Connect (OAuth), share, a reply from CodeStream, a signed thread reply from Slack, the reply button and the modal,
    /// a forged Slack request and a wrong API key — logged at Trace in every category. Returns the log and the secrets.
    /// </summary>
    private static async Task<(IReadOnlyList<CapturedLog> Entries, IReadOnlyList<(string Name, string Value)> Secrets)> RunFullScenarioAsync()
    {
        var logs = new CapturingLoggerProvider();
        var traffic = new SlackTraffic();
        // Every category at Trace: the appsettings.json beside the host would otherwise raise the floor to Information.
        await using var scenario = await SlackScenario.StartAsync(
            settings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace" },
            loggerProvider: logs);
        using var slackClient = scenario.Host.CreateClient(apiKey: null);

        // Connect (OAuth), share, and reply from CodeStream.
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var rootTs = (string)(await scenario.ShareToChannelAsync(codemarkId, userId))["postId"]!;
        await scenario.PostJsonAsync($"/api/v1/codemarks/{codemarkId}/replies", new { creatorId = userId, text = "Fixed in **#42**" });
        await SlackScenario.WaitUntilAsync(() => scenario.Slack.Thread(SlackScenario.ChannelId, rootTs).Any(m => m.IsReply), because: "the reply reaches the thread");

        // A reply written in the Slack thread arrives as a signed event.
        var ts = scenario.Slack.AddMessage(SlackScenario.ChannelId, SlackScenario.GraceSlackId, "Thanks, looks right", threadTs: rootTs);
        using (var delivered = await traffic.PostSignedAsync(
            slackClient, SlackTraffic.EventsPath, SlackTraffic.ThreadReply(SlackTraffic.NewEventId(), ts, rootTs, "Thanks, looks right")))
        {
            Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        }

        await SlackScenario.WaitUntilAsync(
            async () => (await scenario.GetCodemarkAsync(codemarkId))["replies"]!.AsArray().Any(r => (string?)r!["text"] == "Thanks, looks right"),
            because: "the Slack reply is ingested");

        // "View Discussion & Reply", then the modal submitted.
        var card = JsonNode.Parse(scenario.Slack.Messages(SlackScenario.ChannelId).Single(m => m.Ts == rootTs).BlocksJson!)!.AsArray();
        var trigger = SlackTraffic.NewTriggerId();
        scenario.Slack.RegisterTrigger(trigger);
        using (var click = await traffic.PostInteractivityAsync(
            slackClient, SlackTraffic.ButtonClick(SlackTraffic.ReplyActionId(card)!, trigger, scenario.Slack.NewResponseUrl())))
        {
            Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        }

        var opened = Assert.Single(scenario.Slack.CallsTo("views.open"));
        Assert.True(opened.Succeeded, opened.Error);
        var view = opened.ParseResponse()!["view"]!.AsObject();
        using (var submit = await traffic.PostInteractivityAsync(slackClient, SlackTraffic.ModalSubmission(view, "Replying from the modal")))
        {
            Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        }

        await SlackScenario.WaitUntilAsync(
            async () => (await scenario.GetCodemarkAsync(codemarkId))["replies"]!.AsArray().Any(r => (string?)r!["text"] == "Replying from the modal"),
            because: "the modal reply is stored");
        await SlackScenario.WaitUntilAsync(
            () => scenario.Slack.Thread(SlackScenario.ChannelId, rootTs).Count(m => m.IsReply) >= 3, because: "the modal reply reaches the thread");

        // A bad request too: rejected requests are logged, with their signature header still not in the log.
        using (var forged = await traffic.PostSignedAsync(slackClient, SlackTraffic.EventsPath, SlackTraffic.UrlVerification("x"), "forged-secret"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        using (var wrongClient = scenario.Host.CreateClient("wrong-api-key-abcdef"))
        using (var wrongKey = await wrongClient.GetAsync($"/api/v1/codemarks/{codemarkId}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        }

        var secrets = SecretsOf(scenario, traffic).ToList();
        Assert.Contains(secrets, s => s.Name == "OAuth code");
        Assert.Contains(secrets, s => s.Name == "bot token");
        Assert.Contains(secrets, s => s.Name == "user token");
        Assert.Contains(secrets, s => s.Name == "signature");
        var entries = logs.Entries;
        Assert.True(entries.Count > 20, $"only {entries.Count} log entries were captured");
        Assert.Contains(entries, e => e.Level == LogLevel.Trace);
        // The integration keeps ASP.NET Core's URL-bearing request lines (they would carry the OAuth code) below Warning out.
        Assert.DoesNotContain(entries, e => e.Category == HostingDiagnostics && e.Level < LogLevel.Warning);
        return (entries, secrets);
    }

    private static IEnumerable<(string Name, string Value)> SecretsOf(SlackScenario scenario, SlackTraffic traffic)
    {
        yield return ("client secret", SlackScenario.ClientSecret);
        yield return ("signing secret", SlackScenario.SigningSecret);
        yield return ("API key", TestHost.ApiKey);
        yield return ("wrong API key", "wrong-api-key-abcdef");
        foreach (var exchange in scenario.Slack.CallsTo("oauth.v2.access"))
        {
            if (exchange.Arg("code") is { Length: > 0 } code)
            {
                yield return ("OAuth code", code);
            }

            var answer = exchange.ParseResponse();
            foreach (var (name, value) in new[]
            {
                ("bot token", (string?)answer?["access_token"]),
                ("bot refresh token", (string?)answer?["refresh_token"]),
                ("user token", (string?)answer?["authed_user"]?["access_token"]),
                ("user refresh token", (string?)answer?["authed_user"]?["refresh_token"]),
            })
            {
                if (!string.IsNullOrEmpty(value))
                {
                    yield return (name, value);
                }
            }
        }

        foreach (var token in scenario.Slack.Calls.Select(c => c.Token).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            yield return ("token used", token);
        }

        foreach (var signature in traffic.SignaturesSent)
        {
            yield return ("signature", signature);
            yield return ("signature hex", signature["v0=".Length..]);
        }
    }
}
