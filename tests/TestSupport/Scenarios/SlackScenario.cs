using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;
using CodeStream.Integrations.TestSupport.Hosting;
using CodeStream.Integrations.TestSupport.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.TestSupport.Scenarios;

/// <summary>
/// A Slack world for functional tests: the fake Slack Web API seeded like the fixtures (workspace <c>T0AAA0001</c>,
/// Ada <c>U0BBB0002</c>, Grace <c>U0CCC0003</c>, the app's bot <c>U0BOT0009</c>, channel <c>C0DDD0004</c>), a test
/// database, and the real host configured to use that fake, with a signing secret and OAuth client.
/// </summary>
public sealed class SlackScenario : IAsyncDisposable
{
    public const string SlackTeamId = "T0AAA0001";
    public const string SlackTeamName = "Example Workspace";
    public const string AdaSlackId = "U0BBB0002";
    public const string GraceSlackId = "U0CCC0003";
    public const string BotUserId = "U0BOT0009";
    public const string BotId = "B0BOT0009";
    public const string AppId = "A0CSAPP01";
    public const string ChannelId = "C0DDD0004";
    public const string ChannelName = "code-review";
    public const string ClientId = "1111.2222";
    public const string ClientSecret = "client-secret-7f3a9c";
    public const string SigningSecret = "signing-secret-5e1b77d0a2";
    public const string PublicOrigin = "https://codestream.example.com";

    /// <summary>The app-level token the fake's Socket Mode accepts for <see cref="AppId"/>.</summary>
    public const string AppLevelToken = "xapp-1-A0CSAPP01-5550001-socketmodetesttoken";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly ILoggerProvider? _loggerProvider;

    private SlackScenario(
        FakeSlackServer slack, TestDatabase database, TestHost host, Dictionary<string, string?> settings,
        Action<IServiceCollection>? configureServices, ILoggerProvider? loggerProvider)
    {
        Slack = slack;
        Database = database;
        Host = host;
        _settings = settings;
        _configureServices = configureServices;
        _loggerProvider = loggerProvider;
    }

    public FakeSlackServer Slack { get; }

    public TestDatabase Database { get; }

    /// <summary>The host under test; <see cref="StopHostAsync"/> and <see cref="StartHostAsync"/> replace it, as an upgrade would.</summary>
    public TestHost Host { get; private set; }

    private bool HostRunning { get; set; } = true;

    public HttpClient Client => Host.Client;

    public static async Task<SlackScenario> StartAsync(
        DatabaseProvider provider = DatabaseProvider.Sqlite,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        ILoggerProvider? loggerProvider = null,
        string? slackInstallation = null)
    {
        var database = await TestDatabase.CreateAsync(provider, migrate: false);
        var slack = await FakeSlackServer.StartAsync();
        Seed(slack);

        var all = slackInstallation is null ? SettingsFor(slack, database) : Renamed(SettingsFor(slack, database), slackInstallation);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = await TestHost.StartAsync(database, all, configureServices, loggerProvider);
        return new SlackScenario(slack, database, host, all, configureServices, loggerProvider);
    }

    /// <summary>Stops the host (a planned downtime): Slack keeps running, the database stays.</summary>
    public async Task StopHostAsync()
    {
        await Host.DisposeAsync();
        HostRunning = false;
    }

    /// <summary>Starts the host again on the same database, key ring and fake, with <paramref name="changes"/> on top.</summary>
    public async Task StartHostAsync(IDictionary<string, string?>? changes = null)
    {
        var settings = new Dictionary<string, string?>(_settings);
        foreach (var (key, value) in changes ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        Host = await TestHost.StartAsync(Database, settings, _configureServices, _loggerProvider);
        HostRunning = true;
    }

    /// <summary>
    /// What a standalone host process needs to join this scenario: the same database, fake Slack and API key, and the
    /// key ring at <paramref name="keysPath"/> (the in-process host must have been started with the same one).
    /// </summary>
    public Dictionary<string, string> StandaloneHostSettings(string keysPath)
    {
        var settings = SettingsFor(Slack, Database).Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!);
        settings["dataProtection:keysPath"] = keysPath;
        settings["storage:provider"] = Database.ProviderName;
        settings["storage:connectionString"] = Database.ConnectionString;
        settings["api:keys:0"] = TestHost.ApiKey;
        return settings;
    }

    /// <summary>A second host joining this scenario (same database, key ring, fake and API key), with <paramref name="changes"/> on top.</summary>
    public Dictionary<string, string?> AnotherHostSettings(IDictionary<string, string?> changes)
    {
        var settings = StandaloneHostSettings(_settings["dataProtection:keysPath"]!).ToDictionary(s => s.Key, s => (string?)s.Value);
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The same settings with the Slack block named <paramref name="installation"/> and made the active one.</summary>
    private static Dictionary<string, string?> Renamed(Dictionary<string, string?> settings, string installation)
    {
        const string Cloud = "integrations:slack:cloud:";
        var renamed = settings.ToDictionary(
            s => s.Key.StartsWith(Cloud, StringComparison.Ordinal) ? $"integrations:slack:{installation}:{s.Key[Cloud.Length..]}" : s.Key, s => s.Value);
        renamed["integrations:slack:active"] = installation;
        return renamed;
    }

    public static Dictionary<string, string?> SettingsFor(FakeSlackServer slack, TestDatabase database) => new()
    {
        ["integrations:slack:cloud:appClientId"] = ClientId,
        ["integrations:slack:cloud:appClientSecret"] = ClientSecret,
        ["integrations:slack:cloud:appId"] = AppId,
        ["integrations:slack:cloud:appSigningSecret"] = SigningSecret,
        ["integrations:slack:cloud:apiBaseUrl"] = slack.ApiBaseUrl.ToString(),
        ["apiServer:publicOrigin"] = PublicOrigin,
        ["integrations:slack:cloud:responseUrlAllowedHosts:0"] = slack.ApiBaseUrl.Host, // the fake's response URLs are on loopback
        ["workQueue:pollIntervalMilliseconds"] = "50",
        ["workQueue:retryBaseDelayMilliseconds"] = "100",
        ["dataProtection:keysPath"] = Path.Combine(Path.GetTempPath(), "codestream-tests", "keys-" + database.ProviderName + "-" + Guid.NewGuid().ToString("N")),
    };

    public async Task<(string TeamId, string UserId)> CreateTeamWithUserAsync(string email = "ada@example.com", string username = "ada")
    {
        var team = await PostJsonAsync("/api/v1/teams", new { name = "Acme" });
        var user = await PostJsonAsync($"/api/v1/teams/{team["id"]}/users", new { email, username, fullName = "Ada Lovelace" });
        return ((string)team["id"]!, (string)user["id"]!);
    }

    /// <summary>The whole OAuth connect of a user through the host and the fake; returns the callback's answer.</summary>
    public async Task<HttpResponseMessage> ConnectSlackAsync(
        string userId, string teamId, string slackUserId = AdaSlackId, bool tokenRotation = false, int expiresInSeconds = 43200)
    {
        var (browser, state) = await StartConnectAsync(userId, teamId);
        using (browser)
        {
            return await browser.ReturnFromSlackAsync(IssueCode(slackUserId, tokenRotation, expiresInSeconds), state);
        }
    }

    /// <summary>The product API's connect link for the user, opened in a new browser: that browser and the OAuth state Slack will return.</summary>
    public async Task<(ConnectBrowser Browser, string State)> StartConnectAsync(string userId, string teamId)
    {
        var link = await ConnectLinkAsync(userId, teamId);
        var browser = NewBrowser();
        return (browser, await browser.OpenForStateAsync(link));
    }

    /// <summary>The connect link the product API hands the CodeStream user.</summary>
    public async Task<string> ConnectLinkAsync(string userId, string teamId) =>
        (string)(await PostJsonAsync($"/api/v1/users/{userId}/slack/connect", new { teamId }))["authorizeUrl"]!;

    public ConnectBrowser NewBrowser() => new(Host.BaseAddress);

    /// <summary>What Slack's consent page hands back when this Slack user approves: a single-use code.</summary>
    public string IssueCode(string slackUserId = AdaSlackId, bool tokenRotation = false, int expiresInSeconds = 43200) =>
        Slack.IssueOAuthCode(new OAuthCodeGrant(SlackTeamId, ClientId, ClientSecret, BotUserId, slackUserId)
        {
            RedirectUri = PublicOrigin + "/no-auth/provider-token/slack",
            TokenRotation = tokenRotation,
            ExpiresInSeconds = expiresInSeconds,
        });

    /// <summary>A team, Ada (connected to Slack through OAuth) and a codemark of hers with two markers.</summary>
    /// <param name="rotatingTokenSeconds">With a value, Slack hands out rotating tokens that expire after so many seconds.</param>
    public async Task<(string TeamId, string UserId, string CodemarkId)> ConnectedCodemarkAsync(
        string text = "We should **lock** here & not <race>", int? rotatingTokenSeconds = null)
    {
        var (teamId, userId) = await CreateTeamWithUserAsync();
        using (var connected = await ConnectSlackAsync(userId, teamId, tokenRotation: rotatingTokenSeconds is not null, expiresInSeconds: rotatingTokenSeconds ?? 43200))
        {
            if (!connected.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Slack connect failed: {(int)connected.StatusCode} {await connected.Content.ReadAsStringAsync()}");
            }
        }

        var codemark = await PostJsonAsync(
            $"/api/v1/teams/{teamId}/codemarks",
            new
            {
                creatorId = userId,
                type = "issue",
                title = "Possible race",
                text,
                markers = new[]
                {
                    new { file = "src/Worker.cs", repo = "acme/app", startLine = 10, endLine = 14, code = "lock (gate) { count++; }", remoteCodeUrl = "https://github.com/acme/app/blob/main/src/Worker.cs#L10-L14" },
                    new { file = "src/Queue.cs", repo = "acme/app", startLine = 3, endLine = 3, code = "var q = new Queue<int>();", remoteCodeUrl = (string?)null! },
                },
            });
        return (teamId, userId, (string)codemark["id"]!);
    }

    /// <summary>Shares the codemark to <c>#code-review</c> and returns the share.</summary>
    public async Task<JsonObject> ShareToChannelAsync(string codemarkId, string userId, string channelId = ChannelId, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/codemarks/{codemarkId}/shares")
        {
            Content = JsonContent.Create(new { userId, slackTeamId = SlackTeamId, channelId }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"share → {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>POSTs a body to a Slack endpoint of the host, signed exactly as Slack signs it.</summary>
    public async Task<HttpResponseMessage> PostSignedAsync(string path, string body, string contentType = "application/json", DateTimeOffset? at = null)
    {
        var (timestamp, signature) = SlackRequestSigner.Sign(SigningSecret, body, (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds());
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, contentType),
        };
        request.Headers.Add(SlackRequestSigner.TimestampHeader, timestamp);
        request.Headers.Add(SlackRequestSigner.SignatureHeader, signature);
        return await Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostEventAsync(string json) => PostSignedAsync("/no-auth/provider-action/slack-events", json);

    /// <summary>Waits (bounded) until the condition holds; background work (inbox, outbox) is asynchronous.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Condition not met in time{(because is null ? string.Empty : ": " + because)}.");
    }

    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, because);

    public async Task<JsonObject> GetCodemarkAsync(string codemarkId) =>
        JsonNode.Parse(await Client.GetStringAsync($"/api/v1/codemarks/{codemarkId}"))!.AsObject();

    public async Task<JsonObject> PostJsonAsync(string path, object body)
    {
        using var response = await Client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} → {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        if (HostRunning)
        {
            await Host.DisposeAsync();
        }

        await Slack.DisposeAsync();
        await Database.DisposeAsync();
    }

    private static void Seed(FakeSlackServer slack)
    {
        slack.AddWorkspace(SlackTeamId, SlackTeamName, "example-workspace");
        slack.AddUser(SlackTeamId, AdaSlackId, "ada", "Ada Lovelace", "ada@example.com", "Europe/London");
        slack.AddUser(SlackTeamId, GraceSlackId, "grace", "Grace Hopper", "Grace.Hopper@example.com", "America/New_York");
        slack.AddBot(SlackTeamId, BotUserId, BotId, AppId);
        slack.AddChannel(SlackTeamId, ChannelId, ChannelName, AdaSlackId, GraceSlackId);
        slack.SocketMode.AddAppLevelToken(AppId, AppLevelToken);
    }

    /// <summary>
    /// Settings that turn Socket Mode on against the fake (pings every second, so a hung connection is noticed in
    /// about two), optionally without a signing secret: then only the sockets can bring Slack's requests in.
    /// </summary>
    public static Dictionary<string, string?> SocketModeSettings(bool withSigningSecret = false, int connections = 2)
    {
        var settings = new Dictionary<string, string?>
        {
            ["integrations:slack:cloud:socketMode"] = "true",
            ["integrations:slack:cloud:appLevelToken"] = AppLevelToken,
            ["integrations:slack:cloud:socketModeConnections"] = connections.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["integrations:slack:cloud:socketModePingSeconds"] = "1",
        };
        if (!withSigningSecret)
        {
            settings["integrations:slack:cloud:appSigningSecret"] = null;
        }

        return settings;
    }
}
