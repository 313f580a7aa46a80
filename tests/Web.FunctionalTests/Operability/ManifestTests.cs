using System.Net;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Scenarios;

namespace CodeStream.Integrations.Web.FunctionalTests.Operability;

/// <summary>The host that serves the manifest tests; they only read.</summary>
public sealed class ManifestHost : IAsyncLifetime
{
    public SlackScenario Scenario { get; private set; } = null!;

    public async Task InitializeAsync() => Scenario = await SlackScenario.StartAsync();

    public async Task DisposeAsync() => await Scenario.DisposeAsync();
}

/// <summary>
/// The Slack app manifest (spec §11): served by the product API and printed by <c>slack-manifest</c> on the command line,
/// every URL derived from <c>apiServer:publicOrigin</c>, with the scopes of §7.1 and the bot events of §5.
/// </summary>
public sealed class ManifestTests(ManifestHost host) : IClassFixture<ManifestHost>
{
    private const string Origin = SlackScenario.PublicOrigin;

    // Spec §7.1, verbatim.
    private static readonly string[] UserScopes =
        "channels:read channels:write chat:write groups:read groups:write im:read mpim:read mpim:write users.profile:write users:read users:read.email".Split(' ');

    private static readonly string[] BotScopes =
        "channels:history channels:read chat:write chat:write.customize groups:history groups:read mpim:history mpim:read reactions:read users:read users:read.email".Split(' ');

    private static readonly string[] BotEvents =
    [
        "message.channels", "message.groups", "message.mpim", "reaction_added", "reaction_removed", "channel_rename", "group_rename",
        "tokens_revoked", "app_uninstalled",
    ];

    [Fact]
    public async Task GetManifest_WhenCalledWithApiKey_ReturnsJsonWhoseUrlsDeriveFromThePublicOrigin()
    {
        using var response = await host.Scenario.Client.GetAsync("/api/v1/slack/manifest");
        var manifest = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([$"{Origin}/no-auth/provider-token/slack"], Strings(manifest["oauth_config"]!["redirect_urls"]));
        Assert.Equal($"{Origin}/no-auth/provider-action/slack", (string?)manifest["settings"]!["interactivity"]!["request_url"]);
        Assert.True((bool)manifest["settings"]!["interactivity"]!["is_enabled"]!);
        Assert.Equal($"{Origin}/no-auth/provider-action/slack-events", (string?)manifest["settings"]!["event_subscriptions"]!["request_url"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)manifest["display_information"]!["name"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)manifest["features"]!["bot_user"]!["display_name"]));
    }

    [Fact]
    public async Task GetManifest_WhenCalled_HasTheScopesOfTheSpecAndTheBotEvents()
    {
        var manifest = JsonNode.Parse(await host.Scenario.Client.GetStringAsync("/api/v1/slack/manifest"))!;

        var user = Strings(manifest["oauth_config"]!["scopes"]!["user"]);
        var bot = Strings(manifest["oauth_config"]!["scopes"]!["bot"]);
        var events = Strings(manifest["settings"]!["event_subscriptions"]!["bot_events"]);
        Assert.Equal(UserScopes.Order(StringComparer.Ordinal), user.Order(StringComparer.Ordinal));
        Assert.Equal(BotScopes.Order(StringComparer.Ordinal), bot.Order(StringComparer.Ordinal));
        Assert.Equal(BotEvents.Order(StringComparer.Ordinal), events.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetManifest_WhenNoApiKeyIsSent_Returns401AndNoManifest()
    {
        using var client = host.Scenario.Host.CreateClient(apiKey: null);

        using var response = await client.GetAsync("/api/v1/slack/manifest");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("redirect_urls", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlackManifestCommand_WhenRunWithThePublicOrigin_PrintsTheSameManifestAndExits0()
    {
        using var folder = new TempFolder();
        var served = JsonNode.Parse(await host.Scenario.Client.GetStringAsync("/api/v1/slack/manifest"));

        var result = await WebHostProcess.RunAsync(folder.Path, ["slack-manifest", $"--apiServer:publicOrigin={Origin}"]);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.AllOutput}");
        var printed = JsonNode.Parse(result.StandardOutput);
        Assert.True(JsonNode.DeepEquals(served, printed), $"served:{Environment.NewLine}{served}{Environment.NewLine}printed:{Environment.NewLine}{printed}");
        Assert.Empty(Directory.GetFiles(folder.Path)); // printing the manifest touches no database
    }

    [Fact]
    public async Task SlackManifestCommand_WhenPublicOriginHasATrailingSlash_PrintsUrlsWithoutDoubleSlashes()
    {
        using var folder = new TempFolder();

        var result = await WebHostProcess.RunAsync(folder.Path, ["slack-manifest", "--apiServer:publicOrigin=https://cs.example.com/"]);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.AllOutput}");
        var printed = JsonNode.Parse(result.StandardOutput)!;
        Assert.Equal(["https://cs.example.com/no-auth/provider-token/slack"], Strings(printed["oauth_config"]!["redirect_urls"]));
        Assert.Equal("https://cs.example.com/no-auth/provider-action/slack-events", (string?)printed["settings"]!["event_subscriptions"]!["request_url"]);
    }

    private static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => (string)n!)];
}
