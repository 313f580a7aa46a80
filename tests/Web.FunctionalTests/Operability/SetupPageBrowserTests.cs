using System.Net;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Hosting;
using CodeStream.Integrations.TestSupport.Scenarios;
using Microsoft.Playwright;

namespace CodeStream.Integrations.Web.FunctionalTests.Operability;

/// <summary>
/// Debian's Chromium, driven by Playwright's bundled driver (no browser download). Tests skip only where Chromium is
/// absent and <see cref="RequireEnvironmentVariable"/> is not 1 (<c>.ci/run</c> installs it and sets it).
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";
    public const string RequireEnvironmentVariable = "CODESTREAM_REQUIRE_CHROMIUM";

    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public static bool Available => File.Exists(ExecutablePath);

    public static bool Required => Environment.GetEnvironmentVariable(RequireEnvironmentVariable) == "1";

    public async Task InitializeAsync()
    {
        if (!Available)
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>The browser, or a skip (a failure where Chromium is required).</summary>
    public IBrowser Require()
    {
        if (!Available && Required)
        {
            throw new InvalidOperationException($"{ExecutablePath} is required ({RequireEnvironmentVariable}=1) but missing: apt-get install -y chromium.");
        }

        Skip.If(Browser is null, $"Headless Chromium is not installed at {ExecutablePath} (apt-get install -y chromium; bash .ci/run does).");
        return Browser!;
    }
}

/// <summary>
/// The admin's setup page at <c>/</c> (spec §11), as a browser shows it: the settings (secrets only as set/missing), the
/// three URLs to paste into Slack, the self-check, and the manifest with a working "Copy manifest" button.
/// </summary>
public sealed class SetupPageBrowserTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    private const string Origin = SlackScenario.PublicOrigin;

    [SkippableFact]
    public async Task SetupPage_WhenOpenedInABrowser_ShowsTitleUrlsAndSelfCheck()
    {
        var browser = chromium.Require();
        await using var scenario = await SlackScenario.StartAsync();
        await using var context = await browser.NewContextAsync(AdminContext());
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(scenario.Host.BaseAddress.ToString());

        Assert.NotNull(response);
        Assert.Equal((int)HttpStatusCode.OK, response.Status);
        Assert.Contains("setup", await page.TitleAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("CodeStream Slack integration", await page.TextContentAsync("h1") ?? string.Empty, StringComparison.Ordinal);
        var urls = await page.Locator("#urls").InnerTextAsync();
        Assert.Contains($"{Origin}/no-auth/provider-token/slack", urls, StringComparison.Ordinal);
        Assert.Contains($"{Origin}/no-auth/provider-action/slack", urls, StringComparison.Ordinal);
        Assert.Contains($"{Origin}/no-auth/provider-action/slack-events", urls, StringComparison.Ordinal);

        var checks = await page.Locator("#checks tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.dataset.check, r.dataset.ok, r.innerText])");
        var byName = checks.ToDictionary(c => c[0], c => c[1]);
        Assert.Equal("true", byName["Database reachable"]);
        Assert.Equal("true", byName["Signing secret set"]);
        Assert.Equal("true", byName["OAuth configured"]);
        Assert.Equal("true", byName["Public origin is https"]);
        Assert.Equal("true", byName["Product API keys set"]);
        Assert.True(await page.Locator("#checks tr").First.IsVisibleAsync());

        var manifestShown = JsonNode.Parse(await page.Locator("#manifest").TextContentAsync() ?? string.Empty);
        var manifestServed = JsonNode.Parse(await scenario.Client.GetStringAsync("/api/v1/slack/manifest"));
        Assert.True(JsonNode.DeepEquals(manifestServed, manifestShown));
    }

    [SkippableFact]
    public async Task SetupPage_WhenSlackSettingsAreMissing_SelfCheckFlagsThem()
    {
        var browser = chromium.Require();
        await using var scenario = await SlackScenario.StartAsync(settings: new Dictionary<string, string?>
        {
            ["integrations:slack:cloud:appSigningSecret"] = null,
            ["integrations:slack:cloud:appClientSecret"] = null,
            ["apiServer:publicOrigin"] = "http://cs.example.com",
        });
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(scenario.Host.BaseAddress.ToString());

        Assert.Equal("false", await page.GetAttributeAsync("tr[data-check='Signing secret set']", "data-ok"));
        Assert.Equal("false", await page.GetAttributeAsync("tr[data-check='OAuth configured']", "data-ok"));
        Assert.Equal("false", await page.GetAttributeAsync("tr[data-check='Public origin is https']", "data-ok"));
        Assert.Equal("true", await page.GetAttributeAsync("tr[data-check='Database reachable']", "data-ok"));
        Assert.Contains("http://cs.example.com/no-auth/provider-action/slack-events", await page.Locator("#urls").InnerTextAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task CopyManifest_WhenClicked_CopiesTheManifestAndSaysCopied()
    {
        var browser = chromium.Require();
        await using var scenario = await SlackScenario.StartAsync();
        await using var context = await browser.NewContextAsync(AdminContext());
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = scenario.Host.BaseAddress.GetLeftPart(UriPartial.Authority) });
        var page = await context.NewPageAsync();
        await page.GotoAsync(scenario.Host.BaseAddress.ToString());
        Assert.Null(await page.GetAttributeAsync("body", "data-copied"));

        await page.ClickAsync("#copy-manifest");
        await page.WaitForSelectorAsync("body[data-copied='true']", new() { Timeout = 10_000 });

        Assert.Equal("Copied!", await page.TextContentAsync("#copy-status"));
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        var served = JsonNode.Parse(await scenario.Client.GetStringAsync("/api/v1/slack/manifest"));
        Assert.True(JsonNode.DeepEquals(served, JsonNode.Parse(copied)), $"copied: {copied}");
    }

    [SkippableFact]
    public async Task SetupPage_WhenRendered_ContainsNoSecret()
    {
        var browser = chromium.Require();
        await using var scenario = await SlackScenario.StartAsync();
        await using var context = await browser.NewContextAsync(AdminContext());
        var page = await context.NewPageAsync();
        var served = await scenario.Client.GetStringAsync("/"); // the whole page, as an admin with the key gets it

        await page.GotoAsync(scenario.Host.BaseAddress.ToString());
        await page.ClickAsync("#copy-manifest");
        var rendered = await page.ContentAsync();
        var text = await page.Locator("body").InnerTextAsync();

        foreach (var (name, secret) in new[]
        {
            ("client secret", SlackScenario.ClientSecret),
            ("signing secret", SlackScenario.SigningSecret),
            ("API key", TestHost.ApiKey),
        })
        {
            Assert.False(served.Contains(secret, StringComparison.Ordinal), $"the {name} is in the served HTML");
            Assert.False(rendered.Contains(secret, StringComparison.Ordinal), $"the {name} is in the rendered page");
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"the {name} is in the page text");
        }

        Assert.Contains("set (hidden)", text, StringComparison.Ordinal);
    }

    /// <summary>An admin's browser: it sends the product API key, as a header extension or proxy would.</summary>
    private static Microsoft.Playwright.BrowserNewContextOptions AdminContext() => new()
    {
        ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {TestHost.ApiKey}" },
    };
}
