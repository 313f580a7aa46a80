using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Hosting;
using CodeStream.Integrations.TestSupport.Scenarios;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Web.FunctionalTests.Operability;

/// <summary>
/// The configuration rules of spec §2, on the real host: a bad value stops start-up with the key's name; a missing
/// signing secret or OAuth client is one clear warning and a refusal, not a crash; <c>disabled</c> turns the Slack
/// endpoints into 404s and sharing into a clear 503; the operators' JSON block binds as written.
/// </summary>
public sealed class ConfigurationTests
{
    public static TheoryData<string, string, string> BadValues => new()
    {
        { "storage:provider", "mongo", "storage:provider" },
        { "storage:provider", "postgres", "storage:connectionString" },
        { "integrations:slack:cloud:apiBaseUrl", "not a url", "integrations:slack:cloud:apiBaseUrl" },
        { "integrations:slack:cloud:apiBaseUrl", "ftp://slack.example.com/api/", "integrations:slack:cloud:apiBaseUrl" },
        { "integrations:slack:cloud:oauthAuthorizeUrl", "slack.com/oauth/v2/authorize", "integrations:slack:cloud:oauthAuthorizeUrl" },
        { "apiServer:publicOrigin", "ftp://x", "apiServer:publicOrigin" },
        { "apiServer:publicOrigin", "codestream.example.com", "apiServer:publicOrigin" },
        { "integrations:slack:cloud:disabled", "maybe", "integrations:slack:cloud:disabled" },
        { "integrations:slack:cloud:interactiveComponentsEnabled", "sometimes", "integrations:slack:cloud:interactiveComponentsEnabled" },
        { "otel:endpoint", "not a url", "otel:endpoint" },
        { "integrations:slack:active", "onprem", "integrations:slack:active" }, // names a block that isn't there
        { "integrations:slack:active", "on prem!", "integrations:slack:active" },
        { "integrations:msteams:cloud:openIdMetadataUrl", "not a url", "integrations:msteams:cloud:openIdMetadataUrl" },
        { "integrations:msteams:cloud:tokenUrl", "ftp://login.example.com/token", "integrations:msteams:cloud:tokenUrl" },
        { "integrations:msteams:cloud:tenantId", "tenant id; drop table", "integrations:msteams:cloud:tenantId" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task StartAsync_WhenAValueIsInvalid_FailsNamingTheKey(string key, string value, string named)
    {
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["storage:connectionString"] = $"Data Source={folder.File("codestream.db")}",
            ["dataProtection:keysPath"] = folder.File("keys"),
        };
        settings[key] = value;
        if (named == "storage:connectionString")
        {
            settings.Remove("storage:connectionString");
        }

        var failure = await Assert.ThrowsAnyAsync<Exception>(async () => await (await TestHost.StartAsync(settings)).DisposeAsync());

        // Configuration keys are case-insensitive; the binder names a property as the class spells it ("Disabled").
        var messages = Messages(failure).ToList();
        Assert.True(
            messages.Any(m => m.Contains(named, StringComparison.OrdinalIgnoreCase)),
            $"No exception message names '{named}': {string.Join(" | ", messages)}");
    }

    [Fact]
    public async Task StartAsync_WhenSigningSecretIsMissing_StartsLogsOneWarningAndRejectsSignedRequests()
    {
        var logs = new CapturingLoggerProvider();
        await using var scenario = await SlackScenario.StartAsync(
            settings: new Dictionary<string, string?> { ["integrations:slack:cloud:appSigningSecret"] = null }, loggerProvider: logs);
        var traffic = new SlackTraffic();
        using var slackClient = scenario.Host.CreateClient(apiKey: null);

        using var verification = await traffic.PostSignedAsync(slackClient, SlackTraffic.EventsPath, SlackTraffic.UrlVerification("abc123"));
        using var click = await traffic.PostInteractivityAsync(
            slackClient, SlackTraffic.ButtonClick("{\"linkType\":\"web\"}", SlackTraffic.NewTriggerId(), scenario.Slack.NewResponseUrl()));
        using var emptySecret = await traffic.PostSignedAsync(slackClient, SlackTraffic.EventsPath, SlackTraffic.UrlVerification("abc123"), secret: "");

        var warning = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning && e.Message.Contains("appSigningSecret", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("integrations:slack:cloud:appSigningSecret", warning.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, verification.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, click.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, emptySecret.StatusCode);
        Assert.DoesNotContain("abc123", await verification.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(scenario.Slack.Calls);

        // The rest of the host works: the product API answers.
        using var live = await scenario.Client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        await scenario.CreateTeamWithUserAsync();
    }

    [Fact]
    public async Task StartAsync_WhenOAuthClientSecretIsMissing_StartsLogsOneWarningAndConnectAnswers503()
    {
        var logs = new CapturingLoggerProvider();
        await using var scenario = await SlackScenario.StartAsync(
            settings: new Dictionary<string, string?> { ["integrations:slack:cloud:appClientSecret"] = null }, loggerProvider: logs);
        var (teamId, userId) = await scenario.CreateTeamWithUserAsync();

        using var connect = await scenario.Client.PostAsJsonAsync($"/api/v1/users/{userId}/slack/connect", new { teamId });
        var problem = JsonNode.Parse(await connect.Content.ReadAsStringAsync())!;
        using var callback = await scenario.Client.GetAsync($"{SlackTraffic.OAuthPath}?code=some-code&state=some-state");

        var warning = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning && e.Message.Contains("appClientSecret", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, connect.StatusCode);
        Assert.Contains("appClientSecret", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, callback.StatusCode);
        Assert.Empty(scenario.Slack.CallsTo("oauth.v2.access"));
    }

    [Fact]
    public async Task StartAsync_WhenSlackIsDisabled_SlackEndpointsAnswer404AndSharingAnswers503()
    {
        var logs = new CapturingLoggerProvider();
        await using var scenario = await SlackScenario.StartAsync(
            settings: new Dictionary<string, string?> { ["integrations:slack:cloud:disabled"] = "true" }, loggerProvider: logs);
        var traffic = new SlackTraffic();
        using var slackClient = scenario.Host.CreateClient(apiKey: null);
        var (teamId, userId) = await scenario.CreateTeamWithUserAsync();
        var codemark = await scenario.PostJsonAsync(
            $"/api/v1/teams/{teamId}/codemarks",
            new { creatorId = userId, type = "comment", text = "Look here", markers = new[] { new { file = "a.cs", startLine = 1, endLine = 2, code = "x++;" } } });

        using var verification = await traffic.PostSignedAsync(slackClient, SlackTraffic.EventsPath, SlackTraffic.UrlVerification("abc123"));
        using var threadReply = await traffic.PostSignedAsync(
            slackClient, SlackTraffic.EventsPath, SlackTraffic.ThreadReply(SlackTraffic.NewEventId(), "1763890000.000200", "1763889000.000100", "hi"));
        using var click = await traffic.PostInteractivityAsync(
            slackClient, SlackTraffic.ButtonClick("{\"linkType\":\"web\"}", SlackTraffic.NewTriggerId(), scenario.Slack.NewResponseUrl()));
        using var callback = await slackClient.GetAsync($"{SlackTraffic.OAuthPath}?code=some-code&state=some-state");
        using var share = await scenario.Client.PostAsJsonAsync(
            $"/api/v1/codemarks/{codemark["id"]}/shares", new { userId, slackTeamId = SlackScenario.SlackTeamId, channelId = SlackScenario.ChannelId });
        var shareProblem = JsonNode.Parse(await share.Content.ReadAsStringAsync())!;
        using var connect = await scenario.Client.PostAsJsonAsync($"/api/v1/users/{userId}/slack/connect", new { teamId });
        var connectProblem = JsonNode.Parse(await connect.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.NotFound, verification.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, threadReply.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, click.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, callback.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, share.StatusCode);
        Assert.Equal("application/problem+json", share.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Slack integration is disabled", (string?)shareProblem["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, connect.StatusCode);
        Assert.Contains("Slack integration is disabled", (string?)connectProblem["detail"], StringComparison.Ordinal);
        Assert.Empty(scenario.Slack.Calls);
        Assert.Equal(0, await SlackOAuth.DatabaseInspector.CountAsync(scenario.Database, "work_items"));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning && e.Message.Contains("appSigningSecret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Share_WhenOperatorsJsonBlockTurnsInteractiveComponentsOff_PostsACardWithoutReplyButton()
    {
        using var folder = new TempFolder();
        var path = folder.File("appsettings.json");
        await File.WriteAllTextAsync(path, $$"""
            {
              "integrations": {
                "slack": {
                  "cloud": {
                    "appClientId": "{{SlackScenario.ClientId}}",
                    "appClientSecret": "{{SlackScenario.ClientSecret}}",
                    "appId": "{{SlackScenario.AppId}}",
                    "appSigningSecret": "{{SlackScenario.SigningSecret}}",
                    "disabled": false,
                    "interactiveComponentsEnabled": false
                  }
                }
              }
            }
            """);
        var json = new ConfigurationBuilder().AddJsonFile(path).Build();
        var settings = json.AsEnumerable().Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("false", settings["integrations:slack:cloud:interactiveComponentsEnabled"], ignoreCase: true);
        await using var scenario = await SlackScenario.StartAsync(settings: settings);
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();

        await scenario.ShareToChannelAsync(codemarkId, userId);
        var manifest = JsonNode.Parse(await scenario.Client.GetStringAsync("/api/v1/slack/manifest"))!;

        var card = JsonNode.Parse(Assert.Single(scenario.Slack.Messages(SlackScenario.ChannelId)).BlocksJson!)!.AsArray();
        Assert.Null(SlackTraffic.ReplyActionId(card));
        Assert.NotEmpty(SlackTraffic.ButtonActionIds(card)); // URL buttons remain
        Assert.DoesNotContain("View Discussion", card.ToJsonString(), StringComparison.Ordinal);
        Assert.False((bool)manifest["settings"]!["interactivity"]!["is_enabled"]!);
    }

    [Fact]
    public async Task Share_WhenInteractiveComponentsAreOnByDefault_PostsACardWithReplyButton()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();

        await scenario.ShareToChannelAsync(codemarkId, userId);

        var card = JsonNode.Parse(Assert.Single(scenario.Slack.Messages(SlackScenario.ChannelId)).BlocksJson!)!.AsArray();
        Assert.NotNull(SlackTraffic.ReplyActionId(card));
    }

    private static IEnumerable<string> Messages(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Messages))
                {
                    yield return inner;
                }
            }

            yield return exception.Message;
        }
    }
}
