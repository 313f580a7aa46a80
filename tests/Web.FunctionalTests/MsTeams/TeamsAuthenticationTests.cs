using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace CodeStream.Integrations.Web.FunctionalTests.MsTeams;

/// <summary>
/// Every activity is authenticated before it is parsed or stored: each kind of bad token is a 401 with a reason and
/// stores nothing; a rotated signing key is picked up; garbage bodies are 4xx, never 5xx.
/// </summary>
public sealed class TeamsAuthenticationTests
{
    public static TheoryData<string> BadTokens =>
    [
        "wrong key", "forged signature", "wrong issuer", "wrong audience", "expired", "serviceUrl mismatch", "no serviceurl claim",
        "missing endorsement", "none at all", "not a JWT", "alg none",
    ];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Activity_WithABadToken_Is401AndStoresNothing(string bad)
    {
        await using var world = await TeamsWorld.StartAsync();
        var install = TeamsActivities.BotAdded(world.ServiceUrl);
        var teams = world.Teams;
        var token = bad switch
        {
            "wrong key" => teams.IssueChannelToken(TeamsWorld.AppId, world.ServiceUrl, unlistedKey: true),
            "forged signature" => teams.IssueChannelToken(TeamsWorld.AppId, world.ServiceUrl, kid: teams.DefaultKeyId, unlistedKey: true),
            "alg none" => Unsigned(world.ServiceUrl),
            "wrong issuer" => teams.IssueChannelToken(TeamsWorld.AppId, world.ServiceUrl, issuer: "https://sts.windows.net/evil/"),
            "wrong audience" => teams.IssueChannelToken("00000000-0000-0000-0000-00000000beef", world.ServiceUrl),
            "expired" => teams.IssueChannelToken(TeamsWorld.AppId, world.ServiceUrl, notBefore: DateTimeOffset.UtcNow.AddHours(-2), expires: DateTimeOffset.UtcNow.AddMinutes(-10)),
            "serviceUrl mismatch" => teams.IssueChannelToken(TeamsWorld.AppId, "https://smba.trafficmanager.net/evil/"),
            "no serviceurl claim" => teams.IssueChannelToken(TeamsWorld.AppId, world.ServiceUrl, omitServiceUrl: true),
            "missing endorsement" => teams.IssueChannelToken(TeamsWorld.AppId, world.ServiceUrl, kid: teams.AddSigningKey("skype")),
            "not a JWT" => "not-a-jwt",
            _ => null,
        };

        using var response = await world.PostActivityAsync(install.Json, token, noToken: token is null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        Assert.DoesNotContain(TeamsWorld.AppSecret, problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, await world.CountAsync("work_items", "kind = 'msteams-activity'"));
    }

    [Theory]
    [InlineData("webchat", TeamsWorld.TenantId)]
    [InlineData("msteams", "5b0e1f3a-0000-4000-8000-00000000f00d")]
    public async Task Activity_FromAnotherChannelOrTenant_Is401AndStoresNothing(string channel, string tenant)
    {
        await using var world = await TeamsWorld.StartAsync();
        var install = System.Text.Json.Nodes.JsonNode.Parse(TeamsActivities.BotAdded(world.ServiceUrl).Json)!;
        install["channelId"] = channel;
        install["conversation"]!["tenantId"] = tenant;
        var kid = world.Teams.AddSigningKey("msteams", "webchat");

        using var response = await world.PostActivityAsync(install.ToJsonString(), world.Teams.IssueChannelToken(TeamsWorld.AppId, world.ServiceUrl, kid: kid));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await world.CountAsync("work_items", "kind = 'msteams-activity'"));
    }

    [Fact]
    public async Task Activity_SignedWithANewlyRotatedKey_IsAccepted()
    {
        await using var world = await TeamsWorld.StartAsync();
        var first = TeamsActivities.BotAdded(world.ServiceUrl);
        Assert.Equal("Done", (await world.DeliverAsync(first.Json, first.Key)).State); // the keys are cached now

        var rotated = world.Teams.AddSigningKey("msteams");
        world.Teams.RemoveSigningKey(world.Teams.DefaultKeyId);
        var second = TeamsActivities.BotAdded(world.ServiceUrl);
        using var response = await world.PostActivityAsync(second.Json, world.Teams.IssueChannelToken(TeamsWorld.AppId, world.ServiceUrl, kid: rotated));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // {"alg":"none"} with the right claims and no signature: never accepted.
    private static string Unsigned(string serviceUrl)
    {
        static string Part(string json) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(json);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
            + Part($"{{\"iss\":\"https://api.botframework.com\",\"aud\":\"{TeamsWorld.AppId}\",\"serviceurl\":\"{serviceUrl}\",\"nbf\":{now - 60},\"exp\":{now + 3600}}}") + ".";
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"type\":\"message\"}")]
    [InlineData("{\"type\":\"message\",\"id\":\"1\",\"channelId\":\"msteams\",\"serviceUrl\":42}")]
    [InlineData("{\"type\":\"message\",\"id\":\"\\ud800\",\"channelId\":\"msteams\",\"serviceUrl\":\"http://x/\"}")]
    [InlineData("{\"type\":\"message\",\"id\":\"a\\u0000b\",\"channelId\":\"msteams\",\"serviceUrl\":\"http://x/\"}")]
    public async Task Activity_WithAGarbageBody_Is400AndStoresNothing(string body)
    {
        await using var world = await TeamsWorld.StartAsync();

        using var response = await world.PostActivityAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await world.CountAsync("work_items", "kind = 'msteams-activity'"));
    }

    [Fact]
    public async Task Activity_NotUtf8OrTooLarge_Is4xx()
    {
        await using var world = await TeamsWorld.StartAsync();
        using var invalid = new HttpRequestMessage(HttpMethod.Post, TeamsWorld.ActivityPath)
        {
            Content = new ByteArrayContent([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]),
        };
        invalid.Headers.Authorization = new("Bearer", world.Teams.IssueChannelToken(TeamsWorld.AppId, world.ServiceUrl));
        using var notUtf8 = await world.Client.SendAsync(invalid);

        using var tooLarge = await world.PostActivityAsync("{\"type\":\"message\",\"text\":\"" + new string('x', 300_000) + "\"}");

        Assert.Equal(HttpStatusCode.BadRequest, notUtf8.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(0, await world.CountAsync("work_items", "kind = 'msteams-activity'"));
    }

    [Fact]
    public async Task SetupPage_ShowsTheMessagingEndpointAndTheTeamsBlock_WithTheSecretHidden()
    {
        await using var world = await TeamsWorld.StartAsync();

        var page = await world.Client.GetStringAsync("/");

        Assert.Contains("https://codestream.example.com/no-auth/provider-action/msteams", page, StringComparison.Ordinal);
        Assert.Contains("integrations:msteams:cloud:appClientSecret", page, StringComparison.Ordinal);
        Assert.Contains(TeamsWorld.AppId, page, StringComparison.Ordinal);
        Assert.DoesNotContain(TeamsWorld.AppSecret, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAndAppPackage_AnswerAsAdminsExpect()
    {
        await using var world = await TeamsWorld.StartAsync();

        var probe = await world.Client.GetAsync(TeamsWorld.ActivityPath);
        var zip = await world.Client.GetByteArrayAsync("/api/v1/msteams/app-package");

        Assert.Equal("Cannot GET /no-auth/provider-action/msteams", await probe.Content.ReadAsStringAsync());
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var reader = new StreamReader(archive.GetEntry("manifest.json")!.Open(), Encoding.UTF8);
        var manifest = JsonNode.Parse(await reader.ReadToEndAsync())!;
        Assert.Equal(TeamsWorld.AppId, (string)manifest["bots"]![0]!["botId"]!);
        Assert.Equal(["codestream.example.com"], manifest["validDomains"]!.AsArray().Select(d => (string)d!));
        Assert.Contains(manifest["authorization"]!["permissions"]!["resourceSpecific"]!.AsArray(), p => (string)p!["name"]! == "ChannelMessage.Read.Group");
        foreach (var icon in new[] { "color.png", "outline.png" })
        {
            using var png = archive.GetEntry(icon)!.Open();
            var signature = new byte[8];
            await png.ReadExactlyAsync(signature);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, signature);
        }
    }
}
