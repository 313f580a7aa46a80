using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CodeStream.Integrations.Web.FunctionalTests.Operability;

/// <summary>
/// The standalone host started as operators start it (spec §2): <c>dotnet CodeStream.Integrations.Web.dll</c> reads the
/// Slack block from <c>appsettings.json</c> in its working directory, from environment variables
/// (<c>integrations__slack__cloud__…</c>) and from the command line (<c>--integrations:slack:cloud:…=</c>), the usual
/// .NET precedence applies, and a bad value in any of them stops the process with the key's name.
/// </summary>
public sealed partial class ConfigurationSourcesTests
{
    private const string SigningSecretFromEnvironment = "env-signing-secret-4f0a9e77";
    private const string ClientSecretFromEnvironment = "env-client-secret-0b8c1d";
    private const string ApiKeyFromJson = "json-api-key-6a5b4c3d2e1f";
    private const string PublicOrigin = "https://cs.example.com";

    [Fact]
    public async Task Start_WhenSlackBlockComesFromJsonEnvironmentAndCommandLine_UsesEachWithTheUsualPrecedence()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("appsettings.json"), $$"""
            {
              "Logging": { "LogLevel": { "Default": "Information", "Microsoft.AspNetCore": "Warning" } },
              "apiServer": { "publicOrigin": "{{PublicOrigin}}" },
              "api": { "keys": [ "{{ApiKeyFromJson}}" ] },
              "storage": { "provider": "sqlite", "connectionString": "Data Source={{folder.File("codestream.db")}}" },
              "dataProtection": { "keysPath": "{{folder.File("keys")}}" },
              "integrations": {
                "slack": {
                  "cloud": {
                    "appClientId": "1111.2222",
                    "appClientSecret": null,
                    "appId": "A0FROMJSON",
                    "appSigningSecret": null,
                    "disabled": false,
                    "interactiveComponentsEnabled": false
                  }
                }
              }
            }
            """);
        var environment = new Dictionary<string, string>
        {
            ["integrations__slack__cloud__appSigningSecret"] = SigningSecretFromEnvironment,
            ["integrations__slack__cloud__appClientSecret"] = ClientSecretFromEnvironment,
            ["integrations__slack__cloud__appId"] = "A0FROMENV",
        };

        await using var host = await WebHostProcess.StartAsync(folder.Path, ["--integrations:slack:cloud:appId=A0FROMCMD"], environment);
        using var client = host.CreateClient();
        using var setupRequest = new HttpRequestMessage(HttpMethod.Get, "/");
        setupRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKeyFromJson);
        using var setupResponse = await client.SendAsync(setupRequest);
        var setup = await setupResponse.Content.ReadAsStringAsync();
        using var signed = await new SlackTraffic().PostSignedAsync(
            client, SlackTraffic.EventsPath, SlackTraffic.UrlVerification("challenge-from-slack"), SigningSecretFromEnvironment);
        using var wronglySigned = await new SlackTraffic().PostSignedAsync(
            client, SlackTraffic.EventsPath, SlackTraffic.UrlVerification("challenge-from-slack"), "not-the-secret");
        using var manifestRequest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/slack/manifest");
        manifestRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKeyFromJson);
        using var manifestResponse = await client.SendAsync(manifestRequest);
        using var manifestWithoutKey = await client.GetAsync("/api/v1/slack/manifest");

        var shown = SettingsShown(setup);
        Assert.Equal("A0FROMCMD", shown["integrations:slack:cloud:appId"]); // command line over environment over JSON
        Assert.Equal("1111.2222", shown["integrations:slack:cloud:appClientId"]); // JSON
        Assert.Equal("set (hidden)", shown["integrations:slack:cloud:appClientSecret"]); // environment over JSON's null
        Assert.Equal("set (hidden)", shown["integrations:slack:cloud:appSigningSecret"]); // environment
        Assert.Equal("false", shown["integrations:slack:cloud:interactiveComponentsEnabled"]); // JSON
        Assert.Equal("false", shown["integrations:slack:cloud:disabled"]);
        Assert.Equal("set", shown["api:keys"]);
        Assert.Contains($"{PublicOrigin}/no-auth/provider-action/slack-events", setup, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal("challenge-from-slack", (string?)JsonNode.Parse(await signed.Content.ReadAsStringAsync())!["challenge"]);
        Assert.Equal(HttpStatusCode.Unauthorized, wronglySigned.StatusCode);

        Assert.Equal(HttpStatusCode.OK, manifestResponse.StatusCode);
        var manifest = JsonNode.Parse(await manifestResponse.Content.ReadAsStringAsync())!;
        Assert.False((bool)manifest["settings"]!["interactivity"]!["is_enabled"]!);
        Assert.Equal($"{PublicOrigin}/no-auth/provider-token/slack", (string?)manifest["oauth_config"]!["redirect_urls"]![0]);
        Assert.Equal(HttpStatusCode.Unauthorized, manifestWithoutKey.StatusCode);

        foreach (var secret in new[] { SigningSecretFromEnvironment, ClientSecretFromEnvironment, ApiKeyFromJson })
        {
            Assert.DoesNotContain(secret, setup, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, host.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Start_WhenSigningSecretIsMissing_LogsOneWarningNamingTheKeyAndRejectsSlackRequests()
    {
        using var folder = new TempFolder();

        await using var host = await WebHostProcess.StartAsync(
            folder.Path,
            [$"--storage:connectionString=Data Source={folder.File("codestream.db")}", $"--dataProtection:keysPath={folder.File("keys")}"]);
        using var client = host.CreateClient();
        using var signed = await new SlackTraffic().PostSignedAsync(client, SlackTraffic.EventsPath, SlackTraffic.UrlVerification("c"), "any-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, signed.StatusCode);
        Assert.Single(WarningLines().Matches(host.Output), m => m.Value.Contains("appSigningSecret", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "command line", "--storage:provider=mongo", "storage:provider" },
        { "command line", "--integrations:slack:cloud:apiBaseUrl=not a url", "integrations:slack:cloud:apiBaseUrl" },
        { "environment", "apiServer__publicOrigin=ftp://x", "apiServer:publicOrigin" },
        { "environment", "integrations__slack__cloud__disabled=maybe", "integrations:slack:cloud:disabled" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Start_WhenAValueIsInvalid_ExitsWithAnErrorNamingTheKey(string source, string setting, string named)
    {
        using var folder = new TempFolder();
        var arguments = new List<string>
        {
            $"--storage:connectionString=Data Source={folder.File("codestream.db")}",
            $"--dataProtection:keysPath={folder.File("keys")}",
            "--urls=http://127.0.0.1:0",
        };
        var environment = new Dictionary<string, string>();
        if (source == "command line")
        {
            arguments.Add(setting);
        }
        else
        {
            var (name, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            environment[name] = value;
        }

        var result = await WebHostProcess.RunAsync(folder.Path, arguments, environment);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(named, result.AllOutput, StringComparison.OrdinalIgnoreCase); // keys are case-insensitive
        Assert.DoesNotContain("Now listening on", result.AllOutput, StringComparison.Ordinal);
    }

    /// <summary>The setup page's settings table: key → what it shows.</summary>
    private static Dictionary<string, string> SettingsShown(string html)
    {
        var table = html[html.IndexOf("<table id=\"settings\">", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        return SettingRow().Matches(table).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["key"].Value), m => WebUtility.HtmlDecode(m.Groups["shown"].Value));
    }

    [GeneratedRegex("<tr><td><code>(?<key>[^<]*)</code></td><td>(?<shown>[^<]*)</td></tr>")]
    private static partial Regex SettingRow();

    /// <summary>A console-logger warning: "warn: Category[id]" and its message on the next line.</summary>
    [GeneratedRegex(@"^warn: [^\n]*\n[^\n]*", RegexOptions.Multiline)]
    private static partial Regex WarningLines();
}
