using System.Net;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static CodeStream.Integrations.Web.FunctionalTests.SlackOAuth.SlackConnectTests;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackOAuth;

/// <summary>
/// The connect flow tried as an attacker would, through the real host and the fake Slack: a forwarded link, a replayed
/// or foreign state, a Slack account that belongs to someone else. Each is refused with a clear page and stores nothing.
/// </summary>
public sealed class SlackConnectAttackTests
{
    public static TheoryData<DatabaseProvider> Databases => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task ForwardedLink_CompletedByAnotherSlackUserWithAnotherEmail_IsRefusedAndStoresNothing(DatabaseProvider provider)
    {
        await using var scenario = await SlackScenario.StartAsync(provider);
        var (teamId, adaId) = await scenario.CreateTeamWithUserAsync();
        var (graceFauxId, _) = await AddFauxUserWithReplyAsync(scenario, teamId, adaId, SlackScenario.GraceSlackId);

        // Ada forwards her link; Grace opens it in her own browser and approves Slack's consent as herself.
        var link = await scenario.ConnectLinkAsync(adaId, teamId);
        using var graces = scenario.NewBrowser();
        var state = await graces.OpenForStateAsync(link);
        var answer = await CallbackAsJsonAsync(graces, $"code={Uri.EscapeDataString(scenario.IssueCode(SlackScenario.GraceSlackId))}&state={Uri.EscapeDataString(state)}");

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal("EmailMismatch", (string)answer.Body["outcome"]!);
        Assert.Contains("nothing was connected", (string)answer.Body["message"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("ada@example.com", answer.Body.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        await AssertNothingStoredAsync(scenario);
        Assert.Equal(1, await DatabaseInspector.CountAsync(scenario.Database, "users", $"id = '{graceFauxId}'")); // not merged into Ada
    }

    [Fact]
    public async Task EmailMismatch_WhenOperatorsAllowIt_ConnectsButNeverMergesTheFauxUser()
    {
        await using var scenario = await SlackScenario.StartAsync(settings: new Dictionary<string, string?>
        {
            ["integrations:slack:cloud:allowEmailMismatch"] = "true",
        });
        var (teamId, adaId) = await scenario.CreateTeamWithUserAsync();
        var (graceFauxId, graceReplyId) = await AddFauxUserWithReplyAsync(scenario, teamId, adaId, SlackScenario.GraceSlackId);

        var (browser, state) = await scenario.StartConnectAsync(adaId, teamId);
        using (browser)
        {
            var answer = await CallbackAsJsonAsync(browser, $"code={Uri.EscapeDataString(scenario.IssueCode(SlackScenario.GraceSlackId))}&state={Uri.EscapeDataString(state)}");
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Equal("grace", (string)answer.Body["slackUserName"]!);
        }

        Assert.Equal(1, await DatabaseInspector.CountAsync(scenario.Database, "slack_user_installations", $"user_id = '{adaId}'"));
        Assert.Equal(graceFauxId, await DatabaseInspector.ScalarAsync(scenario.Database, $"SELECT creator_id FROM posts WHERE id = '{graceReplyId}'"));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task ReplayOfAConsumedState_WithTheSameOrAnotherCode_IsRefusedAndChangesNothing(DatabaseProvider provider)
    {
        await using var scenario = await SlackScenario.StartAsync(provider);
        var (teamId, adaId) = await scenario.CreateTeamWithUserAsync();
        var (browser, state) = await scenario.StartConnectAsync(adaId, teamId);
        using var _ = browser;
        var cookie = browser.Cookies["codestream_slack_connect"];
        var code = scenario.IssueCode();
        Assert.Equal(HttpStatusCode.OK, (await CallbackAsJsonAsync(browser, $"code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}")).Status);
        var tokenBefore = await DatabaseInspector.ScalarAsync(scenario.Database, $"SELECT access_token FROM slack_user_installations WHERE user_id = '{adaId}'");

        // The attacker holds the whole callback URL and the cookie: neither the same code nor a fresh one gets through.
        foreach (var replayCode in new[] { code, scenario.IssueCode() })
        {
            using var replay = await ReplayWithCookieAsync(scenario, cookie, $"code={Uri.EscapeDataString(replayCode)}&state={Uri.EscapeDataString(state)}");
            Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
            Assert.Contains("already used", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Single(scenario.Slack.CallsTo("oauth.v2.access"));
        Assert.Equal(tokenBefore, await DatabaseInspector.ScalarAsync(scenario.Database, $"SELECT access_token FROM slack_user_installations WHERE user_id = '{adaId}'"));
        Assert.Equal(1, await DatabaseInspector.CountAsync(scenario.Database, "slack_oauth_state_uses"));
    }

    [Fact]
    public async Task Callback_WithoutTheStartCookie_IsRefusedBeforeSlackIsCalled()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, adaId) = await scenario.CreateTeamWithUserAsync();
        var (started, state) = await scenario.StartConnectAsync(adaId, teamId);
        started.Dispose();

        // Another browser (no cookie at all), then one with the cookie of a flow of its own.
        using var stranger = scenario.NewBrowser();
        var noCookie = await CallbackAsJsonAsync(stranger, $"code={Uri.EscapeDataString(scenario.IssueCode())}&state={Uri.EscapeDataString(state)}");
        var (otherFlow, _) = await scenario.StartConnectAsync(adaId, teamId);
        using (otherFlow)
        {
            var wrongCookie = await CallbackAsJsonAsync(otherFlow, $"code={Uri.EscapeDataString(scenario.IssueCode())}&state={Uri.EscapeDataString(state)}");
            Assert.Equal(HttpStatusCode.BadRequest, wrongCookie.Status);
            Assert.Equal("OtherBrowser", (string)wrongCookie.Body["outcome"]!);
        }

        Assert.Equal(HttpStatusCode.BadRequest, noCookie.Status);
        Assert.Equal("OtherBrowser", (string)noCookie.Body["outcome"]!);
        Assert.Contains("not started in this browser", (string)noCookie.Body["message"]!, StringComparison.Ordinal);
        Assert.Empty(scenario.Slack.CallsTo("oauth.v2.access"));
        await AssertNothingStoredAsync(scenario);
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task SlackIdentityLinkedToUserB_CompletedUnderUserA_IsRefusedAndTheLinkStays(DatabaseProvider provider)
    {
        // E-mail mismatches allowed, so only the identity rule stands between Ada and Grace's Slack account.
        await using var scenario = await SlackScenario.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["integrations:slack:cloud:allowEmailMismatch"] = "true",
        });
        var (teamId, adaId) = await scenario.CreateTeamWithUserAsync();
        var grace = await scenario.PostJsonAsync($"/api/v1/teams/{teamId}/users", new { email = "grace.hopper@example.com", username = "grace", fullName = "Grace Hopper" });
        var graceId = (string)grace["id"]!;
        using (var connected = await scenario.ConnectSlackAsync(graceId, teamId, SlackScenario.GraceSlackId))
        {
            Assert.Equal(HttpStatusCode.OK, connected.StatusCode);
        }

        var (browser, state) = await scenario.StartConnectAsync(adaId, teamId);
        using (browser)
        {
            using var refused = await browser.ReturnFromSlackAsync(scenario.IssueCode(SlackScenario.GraceSlackId), state);
            var page = await refused.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("This Slack account is already connected to another CodeStream user", page, StringComparison.Ordinal);
        }

        Assert.Equal(graceId, await DatabaseInspector.ScalarAsync(
            scenario.Database, $"SELECT user_id FROM slack_identity_links WHERE slack_user_id = '{SlackScenario.GraceSlackId}'"));
        Assert.Equal(0, await DatabaseInspector.CountAsync(scenario.Database, "slack_user_installations", $"user_id = '{adaId}'"));
        Assert.Equal(1, await DatabaseInspector.CountAsync(scenario.Database, "slack_identity_links"));
    }

    [Fact]
    public async Task ConnectLink_WhenTamperedOrExpired_AnswersAPageAndSetsNoCookie()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scenario = await SlackScenario.StartAsync(configureServices: services => services.AddSingleton<TimeProvider>(clock));
        var (teamId, adaId) = await scenario.CreateTeamWithUserAsync();
        var link = await scenario.ConnectLinkAsync(adaId, teamId);
        using var browser = scenario.NewBrowser();

        using var tampered = await browser.OpenAsync(link[..^3] + (link[^3] == 'A' ? "B" : "A") + link[^2..]);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Contains("not valid", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var noTicket = await browser.OpenAsync(SlackScenario.PublicOrigin + "/no-auth/provider-token/slack/start");
        Assert.Equal(HttpStatusCode.BadRequest, noTicket.StatusCode);

        clock.Advance(TimeSpan.FromMinutes(11));
        using var expired = await browser.OpenAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(browser.Cookies);
    }

    /// <summary>The callback sent by hand with a stolen cookie value, as a script outside any browser would.</summary>
    private static async Task<HttpResponseMessage> ReplayWithCookieAsync(SlackScenario scenario, string cookie, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no-auth/provider-token/slack?" + query);
        request.Headers.Add("Cookie", $"codestream_slack_connect={cookie}");
        using var client = scenario.Host.CreateClient(apiKey: null);
        return await client.SendAsync(request);
    }
}
