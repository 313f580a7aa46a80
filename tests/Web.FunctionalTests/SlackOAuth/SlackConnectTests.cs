using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackOAuth;

/// <summary>OAuth v2 connect (spec §7.1) through the real host and the fake Slack, on both databases.</summary>
public sealed class SlackConnectTests
{
    public static TheoryData<DatabaseProvider> Databases => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task Connect_StoresEncryptedTokens_LinksIdentity_AndMergesTheFauxUser(DatabaseProvider provider)
    {
        await using var scenario = await SlackScenario.StartAsync(provider);
        var (teamId, adaId) = await scenario.CreateTeamWithUserAsync();
        var (fauxId, fauxReplyId) = await AddFauxUserWithReplyAsync(scenario, teamId, adaId);

        // The product API's link opens this host's start page, never Slack directly.
        var link = await scenario.ConnectLinkAsync(adaId, teamId);
        Assert.StartsWith(SlackScenario.PublicOrigin + "/no-auth/provider-token/slack/start?ticket=", link, StringComparison.Ordinal);

        using var browser = scenario.NewBrowser();
        using var start = await browser.OpenAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal("no-store", start.Headers.CacheControl?.ToString());
        var authorize = start.Headers.Location!;
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal("https://slack.com/oauth/v2/authorize", authorize.GetLeftPart(UriPartial.Path));
        Assert.Equal(SlackScenario.ClientId, query["client_id"].ToString());
        Assert.Equal(SlackScenario.PublicOrigin + "/no-auth/provider-token/slack", query["redirect_uri"].ToString());
        Assert.Contains("chat:write.customize", query["scope"].ToString(), StringComparison.Ordinal);
        Assert.Contains("users.profile:write", query["user_scope"].ToString(), StringComparison.Ordinal);
        Assert.Contains("users:read.email", query["user_scope"].ToString(), StringComparison.Ordinal);

        // The browser nonce: HttpOnly, SameSite=Lax, Secure (the public origin is https), only for the connect paths.
        var cookie = Assert.Single(browser.LastSetCookies);
        Assert.Equal("codestream_slack_connect", cookie.Name.ToString());
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, cookie.SameSite);
        Assert.Equal("/no-auth/provider-token/slack", cookie.Path.ToString());
        Assert.DoesNotContain(cookie.Value.ToString(), query["state"].ToString(), StringComparison.Ordinal);

        var code = scenario.IssueCode();
        using var callback = await browser.ReturnFromSlackAsync(code, query["state"].ToString());
        var page = await callback.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        Assert.Contains("Slack connected", page, StringComparison.Ordinal);
        // Both sides are named: the Slack account and workspace, and the CodeStream user.
        Assert.Contains("Slack account @ada in Example Workspace is now connected to CodeStream user Ada Lovelace (ada@example.com)", page, StringComparison.Ordinal);
        Assert.Empty(browser.Cookies); // the callback deletes the connect cookie

        var exchange = Assert.Single(scenario.Slack.CallsTo("oauth.v2.access"));
        Assert.Equal(code, exchange.Args["code"]);
        Assert.Equal(SlackScenario.PublicOrigin + "/no-auth/provider-token/slack", exchange.Args["redirect_uri"]);

        Assert.Equal(1, await DatabaseInspector.CountAsync(scenario.Database, "slack_bot_installations", $"team_id = '{teamId}'"));
        Assert.Equal(1, await DatabaseInspector.CountAsync(scenario.Database, "slack_user_installations", $"user_id = '{adaId}'"));
        Assert.StartsWith("dp1:", await DatabaseInspector.ScalarAsync(scenario.Database, "SELECT bot_token FROM slack_bot_installations"), StringComparison.Ordinal);

        // Readable again through the repository (so the encryption round-trips).
        using (var scope = scenario.Host.Services.CreateScope())
        {
            var installations = scope.ServiceProvider.GetRequiredService<ISlackInstallationRepository>();
            var bot = await installations.FindBotAsync(TeamId.Parse(teamId), SlackTeamId.Parse(SlackScenario.SlackTeamId), CancellationToken.None);
            var user = await installations.FindUserAsync(UserId.Parse(adaId), SlackTeamId.Parse(SlackScenario.SlackTeamId), CancellationToken.None);
            Assert.StartsWith("xoxb-", bot!.BotToken, StringComparison.Ordinal);
            Assert.Equal(SlackScenario.BotUserId, bot.BotUserId.Value);
            Assert.StartsWith("xoxp-", user!.AccessToken, StringComparison.Ordinal);
            Assert.Equal(SlackScenario.AdaSlackId, user.SlackUserId.Value);
            Assert.Contains("users.profile:write", user.Scopes, StringComparison.Ordinal);

            // Tokens are encrypted at rest: neither token, nor any Slack token prefix, is anywhere in the database.
            // (Prefixes are matched case-sensitively with their dash: ciphertext is base64 and may hold "xOx" by chance.)
            var everything = await DatabaseInspector.DumpAllTextAsync(scenario.Database);
            Assert.DoesNotContain(bot.BotToken, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(user.AccessToken, everything, StringComparison.Ordinal);
            Assert.DoesNotContain("xoxb-", everything, StringComparison.Ordinal);
            Assert.DoesNotContain("xoxp-", everything, StringComparison.Ordinal);
        }

        // Identity linked; the faux user is gone and its reply is Ada's now.
        Assert.Equal(adaId, await DatabaseInspector.ScalarAsync(
            scenario.Database, $"SELECT user_id FROM slack_identity_links WHERE slack_team_id = '{SlackScenario.SlackTeamId}' AND slack_user_id = '{SlackScenario.AdaSlackId}'"));
        var users = JsonNode.Parse(await scenario.Client.GetStringAsync($"/api/v1/teams/{teamId}/users"))!.AsArray();
        Assert.DoesNotContain(users, u => (string)u!["id"]! == fauxId);
        Assert.Equal(adaId, await DatabaseInspector.ScalarAsync(scenario.Database, $"SELECT creator_id FROM posts WHERE id = '{fauxReplyId}'"));
    }

    [Fact]
    public async Task Connect_WhenStateIsTampered_Returns400AndStoresNothing()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, adaId) = await scenario.CreateTeamWithUserAsync();
        var (browser, state) = await scenario.StartConnectAsync(adaId, teamId);
        var tampered = state[..^4] + (state[^4] == 'A' ? 'B' : 'A') + state[^3..];

        var answer = await CallbackAsJsonAsync(browser, $"code=anything&state={Uri.EscapeDataString(tampered)}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("InvalidState", (string)answer.Body["outcome"]!);
        await AssertNothingStoredAsync(scenario);
    }

    [Fact]
    public async Task Connect_WhenStateHasExpired_Returns400AndStoresNothing()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scenario = await SlackScenario.StartAsync(configureServices: services => services.AddSingleton<TimeProvider>(clock));
        var (teamId, adaId) = await scenario.CreateTeamWithUserAsync();
        var (browser, state) = await scenario.StartConnectAsync(adaId, teamId);
        var code = scenario.IssueCode();

        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var answer = await CallbackAsJsonAsync(browser, $"code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("ExpiredState", (string)answer.Body["outcome"]!);
        Assert.Contains("expired", (string)answer.Body["message"]!, StringComparison.Ordinal);
        Assert.Empty(scenario.Slack.CallsTo("oauth.v2.access"));
        await AssertNothingStoredAsync(scenario);
    }

    [Fact]
    public async Task Connect_WhenUserCancelsConsent_SaysCancelledAndStoresNothing()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, adaId) = await scenario.CreateTeamWithUserAsync();
        var (browser, state) = await scenario.StartConnectAsync(adaId, teamId);

        using var response = await browser.ReturnFromSlackAsync($"error=access_denied&state={Uri.EscapeDataString(state)}");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Slack connection was cancelled", page, StringComparison.Ordinal);
        Assert.Empty(scenario.Slack.CallsTo("oauth.v2.access"));
        await AssertNothingStoredAsync(scenario);
    }

    [Fact]
    public async Task Connect_WhenOAuthAccessFails_ReportsSlacksErrorAndStoresNothing()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, adaId) = await scenario.CreateTeamWithUserAsync();
        var (browser, state) = await scenario.StartConnectAsync(adaId, teamId);

        // The app is known to Slack, but this code was never issued: oauth.v2.access answers ok:false invalid_code.
        scenario.IssueCode();
        var answer = await CallbackAsJsonAsync(browser, $"code=never-issued&state={Uri.EscapeDataString(state)}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("ExchangeFailed", (string)answer.Body["outcome"]!);
        Assert.Contains("invalid_code", (string)answer.Body["message"]!, StringComparison.Ordinal);
        Assert.Single(scenario.Slack.CallsTo("oauth.v2.access"));
        await AssertNothingStoredAsync(scenario);
    }

    [Fact]
    public async Task Connect_WhenSlackIsDown_RetriesThenReportsAndStoresNothing()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, adaId) = await scenario.CreateTeamWithUserAsync();
        var (browser, state) = await scenario.StartConnectAsync(adaId, teamId);
        scenario.Slack.FailNext("oauth.v2.access", SlackFault.ServerError(), times: 10);

        var answer = await CallbackAsJsonAsync(browser, $"code=whatever&state={Uri.EscapeDataString(state)}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("ExchangeFailed", (string)answer.Body["outcome"]!);
        Assert.Equal(4, scenario.Slack.CallsTo("oauth.v2.access").Count); // the first try and three retries
        await AssertNothingStoredAsync(scenario);
    }

    [Fact]
    public async Task Connect_WhenClientIsNotConfigured_Returns503NamingTheKeys()
    {
        await using var scenario = await SlackScenario.StartAsync(settings: new Dictionary<string, string?>
        {
            ["integrations:slack:cloud:appClientSecret"] = string.Empty,
        });
        var (teamId, adaId) = await scenario.CreateTeamWithUserAsync();

        using var response = await scenario.Client.PostAsJsonAsync($"/api/v1/users/{adaId}/slack/connect", new { teamId });
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("appClientId", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackScenario.ClientSecret, problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusUpdate_WithRotatingToken_RefreshesTheTokenBeforeItExpires()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, adaId) = await scenario.CreateTeamWithUserAsync();
        using (var connected = await scenario.ConnectSlackAsync(adaId, teamId, tokenRotation: true))
        {
            Assert.Equal(HttpStatusCode.OK, connected.StatusCode);
        }

        // Pretend the token is about to expire (inside the 5-minute margin).
        var soon = DateTimeOffset.UtcNow.AddMinutes(2).ToUnixTimeMilliseconds();
        await using (var connection = await DatabaseInspector.OpenAsync(scenario.Database))
        await using (var update = connection.CreateCommand())
        {
            update.CommandText = $"UPDATE slack_user_installations SET expires_at = {soon} WHERE user_id = '{adaId}'";
            await update.ExecuteNonQueryAsync();
        }

        var before = await DatabaseInspector.ScalarAsync(scenario.Database, $"SELECT access_token FROM slack_user_installations WHERE user_id = '{adaId}'");
        using var response = await scenario.Client.PutAsJsonAsync(
            $"/api/v1/users/{adaId}/slack/status", new { slackTeamId = SlackScenario.SlackTeamId, text = "Reviewing code" });
        var after = await DatabaseInspector.ScalarAsync(scenario.Database, $"SELECT access_token FROM slack_user_installations WHERE user_id = '{adaId}'");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var refresh = Assert.Single(scenario.Slack.CallsTo("oauth.v2.access"), c => c.Args.GetValueOrDefault("grant_type") == "refresh_token");
        Assert.NotEqual(before, after);
        var profileSet = Assert.Single(scenario.Slack.CallsTo("users.profile.set"));
        Assert.True(profileSet.Succeeded, profileSet.ResponseBody);
        Assert.Equal("Reviewing code", scenario.Slack.UserStatus(SlackScenario.AdaSlackId)!.Text);
        Assert.NotEqual(refresh.Token, profileSet.Token);
    }

    internal static async Task<(HttpStatusCode Status, JsonObject Body)> CallbackAsJsonAsync(ConnectBrowser browser, string query)
    {
        using var response = await browser.ReturnFromSlackAsync(query, acceptJson: true);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    internal static async Task AssertNothingStoredAsync(SlackScenario scenario)
    {
        Assert.Equal(0, await DatabaseInspector.CountAsync(scenario.Database, "slack_bot_installations"));
        Assert.Equal(0, await DatabaseInspector.CountAsync(scenario.Database, "slack_user_installations"));
        Assert.Equal(0, await DatabaseInspector.CountAsync(scenario.Database, "slack_identity_links"));
    }

    /// <summary>Arranges what Slack sync would have made: a faux user for Ada's Slack account, with a reply.</summary>
    internal static async Task<(string FauxId, string ReplyId)> AddFauxUserWithReplyAsync(
        SlackScenario scenario, string teamId, string adaId, string slackUserId = SlackScenario.AdaSlackId)
    {
        var codemark = await scenario.PostJsonAsync(
            $"/api/v1/teams/{teamId}/codemarks",
            new { creatorId = adaId, type = "comment", text = "Look here", markers = Array.Empty<object>() });

        using var scope = scenario.Host.Services.CreateScope();
        var services = scope.ServiceProvider;
        var team = TeamId.Parse(teamId);
        var identity = new SlackIdentity(SlackTeamId.Parse(SlackScenario.SlackTeamId), SlackUserId.Parse(slackUserId));
        var faux = slackUserId == SlackScenario.AdaSlackId
            ? User.CreateFaux(team, identity.FauxExternalUserId(team), "ada@example.com", "ada-slack", "Ada (Slack)", "Europe/London", DateTimeOffset.UtcNow)
            : User.CreateFaux(team, identity.FauxExternalUserId(team), null, slackUserId.ToLowerInvariant(), "Slack user " + slackUserId, "UTC", DateTimeOffset.UtcNow);
        Assert.True(await services.GetRequiredService<IUserRepository>().TryAddAsync(faux, CancellationToken.None));
        var cm = await services.GetRequiredService<ICodemarkRepository>().GetAsync(CodemarkId.Parse((string)codemark["id"]!), CancellationToken.None);
        var reply = Post.CreateReply(cm!, faux.Id, "From Slack before connecting", SlackPostOrigin.Value, DateTimeOffset.UtcNow);
        await services.GetRequiredService<IReplyRepository>().AddAsync(reply, CancellationToken.None);
        return (faux.Id.Value, reply.Id.Value);
    }
}
