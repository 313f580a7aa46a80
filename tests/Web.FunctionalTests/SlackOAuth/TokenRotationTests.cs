using System.Net;
using System.Net.Http.Json;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Hosting;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackOAuth;

/// <summary>
/// Token rotation through the real host and the fake, whose tokens expire after a few seconds (an expired one is
/// refused with <c>token_expired</c>, a reused refresh token with <c>invalid_refresh_token</c>): the bot's token is
/// refreshed before it expires, once per expiry even with two hosts, and a refused refresh asks for a reconnection once.
/// </summary>
public sealed class TokenRotationTests
{
    private const int Lifetime = 4;

    public static TheoryData<DatabaseProvider> Databases => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Fact]
    public async Task RotatingTokens_AcrossSeveralExpiries_KeepThreadRepliesReplyCopiesAndTheModalWorking()
    {
        await using var thread = await SharedThread.StartAsync(settings: RotationSettings(), rotatingTokenSeconds: Lifetime);
        var copies = new List<string>();

        for (var round = 0; round < 12; round++)
        {
            var eventId = SlackEvent.NewEventId();
            Assert.Equal("Done", (await thread.DeliverAsync(SlackEvent.ThreadReply(eventId, thread.WriteInThread(text: $"slack {round}"), thread.RootTs), eventId)).State);
            var text = $"codestream reply {round}";
            await thread.ReplyInCodeStreamAsync(text);
            copies.Add(text);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        await thread.WaitForQuietAsync();
        var modal = await SlackInteractivity.InteractivityDriver.OpenModalAsync(thread.Scenario, thread.CodemarkId, thread.TeamId, SlackScenario.AdaSlackId);
        Assert.NotEmpty(modal.ViewId);
        Assert.All(copies, text => Assert.Single(thread.Slack.Thread(SlackScenario.ChannelId, thread.RootTs), m => m.Text == text));
        Assert.Equal(0, await thread.CountAsync("work_items", "state = 'Failed'"));
        var botRefreshes = Refreshes(thread.Slack, "bot");
        Assert.True(botRefreshes.Count >= 3, $"{botRefreshes.Count} bot refreshes in 12 s of {Lifetime} s tokens");
        Assert.All(botRefreshes, call => Assert.True(call.Succeeded, call.Error));
    }

    [SkippableFact]
    public async Task TwoHostsOnPostgres_UnderLoad_RefreshEachTokenOncePerExpiryAndKeepAWorkingRefreshToken()
    {
        await using var thread = await SharedThread.StartAsync(DatabaseProvider.Postgres, RotationSettings(), rotatingTokenSeconds: Lifetime);
        await using var other = await TestHost.StartAsync(thread.Scenario.AnotherHostSettings(RotationSettings()));
        using var otherClient = other.CreateClient(TestHost.ApiKey);
        var started = DateTimeOffset.UtcNow;
        var sent = new List<(string EventId, Task<HttpResponseMessage> Response)>();
        while (DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(12))
        {
            for (var i = 0; i < 4; i++)
            {
                var eventId = SlackEvent.NewEventId();
                var body = SlackEvent.ThreadReply(eventId, thread.WriteInThread(), thread.RootTs);
                sent.Add((eventId, SharedThread.PostSignedAsync(i % 2 == 0 ? thread.Client : otherClient, body)));
            }

            await thread.ReplyInCodeStreamAsync($"copy at {DateTimeOffset.UtcNow:HH:mm:ss.fff}", sent.Count % 8 == 0 ? otherClient : null);
            await Task.Delay(150);
        }

        foreach (var (_, response) in sent)
        {
            using var answered = await response;
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        await thread.WaitForQuietAsync(TimeSpan.FromSeconds(60));
        var elapsed = DateTimeOffset.UtcNow - started;
        Assert.Equal(0, await thread.CountAsync("work_items", "state = 'Failed'"));
        Assert.Equal(sent.Count, await thread.CountAsync("work_items", "kind = 'slack-event' AND state = 'Done'"));
        var botRefreshes = Refreshes(thread.Slack, "bot");
        Assert.All(botRefreshes, call => Assert.True(call.Succeeded, $"a refresh failed: {call.Error}"));
        // Once per expiry at most: a token is refreshed in the last second of its 4 s, so every 3 s or more.
        Assert.InRange(botRefreshes.Count, 3, (int)(elapsed.TotalSeconds / (Lifetime - 1)) + 1);

        // What is stored still works after another expiry: nobody was left with a revoked refresh token.
        await Task.Delay(TimeSpan.FromSeconds(Lifetime));
        var last = SlackEvent.NewEventId();
        Assert.Equal("Done", (await thread.DeliverAsync(SlackEvent.ThreadReply(last, thread.WriteInThread(), thread.RootTs), last)).State);
        await thread.ReplyInCodeStreamAsync("after the run", otherClient);
        await thread.WaitForQuietAsync();
        Assert.Equal(0, await thread.CountAsync("work_items", "state = 'Failed'"));
    }

    [Fact]
    public async Task RefusedRefresh_MarksTheWorkspaceForReconnectionOnceAndSaysSoInTheApiAndOnTheSetupPage()
    {
        await using var thread = await SharedThread.StartAsync(settings: RotationSettings(), rotatingTokenSeconds: Lifetime);
        await Task.Delay(TimeSpan.FromSeconds(Lifetime - 1)); // the bot's token is now due for a refresh
        thread.Slack.FailNext("oauth.v2.access", SlackFault.Error("invalid_refresh_token"));
        var before = Refreshes(thread.Slack, "any").Count;

        var first = SlackEvent.NewEventId();
        var failed = await thread.DeliverAsync(SlackEvent.ThreadReply(first, thread.WriteInThread(), thread.RootTs), first);
        var second = SlackEvent.NewEventId();
        var alsoFailed = await thread.DeliverAsync(SlackEvent.ThreadReply(second, thread.WriteInThread(), thread.RootTs), second);

        Assert.Equal("Failed", failed.State);
        Assert.Contains("connect Slack again", failed.Result, StringComparison.Ordinal);
        Assert.Equal("Failed", alsoFailed.State);
        Assert.Equal(before + 1, Refreshes(thread.Slack, "any").Count); // refused once, never tried again
        using var share = await thread.Client.PostAsJsonAsync(
            $"/api/v1/codemarks/{thread.CodemarkId}/shares", new { userId = thread.AdaId, slackTeamId = SlackScenario.SlackTeamId, channelId = SlackScenario.ChannelId });
        Assert.Equal(HttpStatusCode.Conflict, share.StatusCode);
        Assert.Contains("connect Slack again", await share.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = await thread.Client.GetStringAsync("/");
        Assert.Contains("data-check=\"Slack workspaces connected\" data-ok=\"false\"", page, StringComparison.Ordinal);
        Assert.Contains(SlackScenario.SlackTeamId + " (invalid_refresh_token)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotationTurnedOn_WithALongLivedBotToken_ExchangesItOnceThenRefreshesTheRotatingOne()
    {
        // Slack hands out long-lived tokens (issued before rotation was turned on); the first use exchanges them.
        await using var thread = await SharedThread.StartAsync(
            settings: RotationSettings(), beforeConnecting: scenario => scenario.Slack.SetExchangedTokenLifetime(TimeSpan.FromSeconds(Lifetime)));

        for (var round = 0; round < 7; round++)
        {
            var eventId = SlackEvent.NewEventId();
            Assert.Equal("Done", (await thread.DeliverAsync(SlackEvent.ThreadReply(eventId, thread.WriteInThread(), thread.RootTs), eventId)).State);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var exchanges = thread.Slack.CallsTo("oauth.v2.exchange");
        Assert.Single(exchanges, c => c.Succeeded && (string?)c.ParseResponse()!["token_type"] == "bot");
        Assert.NotEmpty(Refreshes(thread.Slack, "bot"));
        Assert.All(Refreshes(thread.Slack, "bot"), c => Assert.True(c.Succeeded, c.Error));
    }

    [Fact]
    public async Task BotToken_WhenSlackEndsItBeforeItsStoredExpiry_IsRefreshedAndTheWorkGoesThrough()
    {
        await using var thread = await SharedThread.StartAsync(settings: RotationSettings(), rotatingTokenSeconds: 3600);
        var botToken = thread.Slack.CallsTo("auth.test").First(c => c.Succeeded).Token!; // asked with the bot's token at install
        thread.Slack.ExpireToken(botToken);
        const string newcomer = "U0EXP0001"; // unknown to CodeStream: users.info is asked with the bot's token
        thread.Slack.AddUser(SlackScenario.SlackTeamId, newcomer, "newcomer", "New Comer", "newcomer@elsewhere.example");

        var eventId = SlackEvent.NewEventId();
        var row = await thread.DeliverAsync(SlackEvent.ThreadReply(eventId, thread.WriteInThread(slackUserId: newcomer), thread.RootTs, user: newcomer), eventId);

        Assert.Equal("Done", row.State);
        Assert.Contains(thread.Slack.CallsTo("users.info"), c => c.Error == "token_expired");
        Assert.Single(Refreshes(thread.Slack, "bot"), c => c.Succeeded);
    }

    [Fact]
    public async Task Refresh_WhenSlackAnswers5xx_IsNeverSentTwiceInOneCallButByTheWorkItemsRetries()
    {
        await using var thread = await SharedThread.StartAsync(settings: RotationSettings(), rotatingTokenSeconds: Lifetime);
        await Task.Delay(TimeSpan.FromSeconds(Lifetime - 1)); // the bot's token is due
        thread.Slack.FailNext("oauth.v2.access", SlackFault.ServerError(), times: 2);
        var before = Refreshes(thread.Slack, "any").Count;

        var eventId = SlackEvent.NewEventId();
        var row = await thread.DeliverAsync(SlackEvent.ThreadReply(eventId, thread.WriteInThread(), thread.RootTs), eventId);

        // A refresh token is single-use: the HTTP pipeline does not repeat it; each attempt of the item sends it once.
        Assert.Equal(("Done", 3L), (row.State, row.Attempts));
        Assert.Equal(before + 3, Refreshes(thread.Slack, "any").Count);
    }

    [Fact]
    public async Task Manifest_WithTokenRotationOn_SaysSo()
    {
        await using var scenario = await SlackScenario.StartAsync(settings: RotationSettings());

        var manifest = System.Text.Json.Nodes.JsonNode.Parse(await scenario.Client.GetStringAsync("/api/v1/slack/manifest"))!;

        Assert.True((bool)manifest["settings"]!["token_rotation_enabled"]!);
    }

    /// <summary>Rotation on, tokens refreshed in their last second.</summary>
    private static Dictionary<string, string?> RotationSettings() => new()
    {
        ["integrations:slack:cloud:tokenRotation"] = "true",
        ["integrations:slack:cloud:tokenRefreshMarginSeconds"] = "1",
    };

    /// <summary>The refresh calls (<c>grant_type=refresh_token</c>) of bot tokens, user tokens or both ("any").</summary>
    private static List<RecordedCall> Refreshes(FakeSlackServer slack, string tokenType) =>
        [.. slack.CallsTo("oauth.v2.access").Where(c => c.Arg("grant_type") == "refresh_token"
            && (tokenType == "any" || c.ParseResponse()?["token_type"]?.ToString() == tokenType || (c.Error is not null && tokenType == "bot")))];
}
