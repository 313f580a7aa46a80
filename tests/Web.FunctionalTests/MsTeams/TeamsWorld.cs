using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.MsTeams;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.Web.FunctionalTests.SlackOAuth;

namespace CodeStream.Integrations.Web.FunctionalTests.MsTeams;

/// <summary>
/// The world of the Teams tests: the real host, a fake Bot Framework on loopback (OpenID metadata and keys, the token
/// endpoint, a stateful Bot Connector), a CodeStream team with Ada and a codemark, and a Teams team "Platform" with
/// the channel "Code review" and its members Ada, Grace and Sam (Sam has no CodeStream account).
/// </summary>
internal sealed class TeamsWorld : IAsyncDisposable
{
    public const string ActivityPath = "/no-auth/provider-action/msteams";
    public const string AppId = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    public const string AppSecret = "teams-app-secret-9d1c";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string TeamsTeamId = "19:team0001@thread.tacv2";
    public const string ChannelId = "19:chan0002@thread.tacv2";
    public const string AdaMember = "29:1ada";
    public const string GraceMember = "29:1grace";
    public const string SamMember = "29:1sam";

    private static int _activity;

    private TeamsWorld(FakeBotFramework teams, SlackScenario scenario)
    {
        Teams = teams;
        Scenario = scenario;
    }

    public FakeBotFramework Teams { get; }

    public SlackScenario Scenario { get; }

    public HttpClient Client => Scenario.Client;

    public string TeamId { get; private set; } = string.Empty;

    public string AdaId { get; private set; } = string.Empty;

    public string CodemarkId { get; private set; } = string.Empty;

    public string ServiceUrl => Teams.ServiceUrl.ToString();

    public static async Task<TeamsWorld> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, IDictionary<string, string?>? settings = null)
    {
        var teams = await FakeBotFramework.StartAsync();
        teams.RegisterBot(AppId, AppSecret, TenantId);
        teams.AddTeam(TeamsTeamId, "Platform", TenantId);
        teams.AddChannel(TeamsTeamId, ChannelId, "Code review");
        teams.AddMember(TeamsTeamId, AdaMember, "Ada Lovelace", "ada@example.com", "aad-ada-0001");
        teams.AddMember(TeamsTeamId, GraceMember, "Grace Hopper", "grace.hopper@example.com", "aad-grace-0002");
        teams.AddMember(TeamsTeamId, SamMember, "Sam Stranger", "sam@elsewhere.example", "aad-sam-0003");
        var all = SettingsFor(teams);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var scenario = await SlackScenario.StartAsync(provider, all);
        var world = new TeamsWorld(teams, scenario);
        var (teamId, adaId) = await scenario.CreateTeamWithUserAsync();
        world.TeamId = teamId;
        world.AdaId = adaId;
        world.CodemarkId = (string)(await scenario.PostJsonAsync(
            $"/api/v1/teams/{teamId}/codemarks",
            new
            {
                creatorId = adaId,
                type = "issue",
                title = "Possible race",
                text = "We should **lock** here",
                markers = new[] { new { file = "src/Worker.cs", repo = "acme/app", startLine = 10, endLine = 14, code = "lock (gate) { count++; }", remoteCodeUrl = "https://github.com/acme/app/blob/main/src/Worker.cs#L10-L14" } },
            }))["id"]!;
        return world;
    }

    public static Dictionary<string, string?> SettingsFor(FakeBotFramework teams) => new()
    {
        ["integrations:msteams:cloud:appClientId"] = AppId,
        ["integrations:msteams:cloud:appClientSecret"] = AppSecret,
        ["integrations:msteams:cloud:tenantId"] = TenantId,
        ["integrations:msteams:cloud:openIdMetadataUrl"] = teams.OpenIdMetadataUrl.ToString(),
        ["integrations:msteams:cloud:tokenUrl"] = teams.TokenUrl(TenantId),
    };

    public static string NewActivityId() => (1_764_000_000_000 + Interlocked.Increment(ref _activity)).ToString(CultureInfo.InvariantCulture);

    /// <summary>POSTs an activity as the Bot Framework channel does, with a token it signed (or <paramref name="token"/>).</summary>
    public async Task<HttpResponseMessage> PostActivityAsync(string json, string? token = null, bool noToken = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ActivityPath) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (!noToken)
        {
            request.Headers.Authorization = new("Bearer", token ?? Teams.IssueChannelToken(AppId, ServiceUrl));
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Posts the activity, expects 200, and waits until its inbox item is finished; its state and result.</summary>
    public async Task<(string State, string? Result)> DeliverAsync(string json, string key)
    {
        using (var response = await PostActivityAsync(json))
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        (string State, string? Result)? row = null;
        await SlackScenario.WaitUntilAsync(
            async () => (row = await InboxRowAsync(key)) is { State: "Done" or "Ignored" or "Failed" },
            TimeSpan.FromSeconds(20),
            because: $"activity {key} is processed");
        return row!.Value;
    }

    public async Task<(string State, string? Result)?> InboxRowAsync(string key)
    {
        var row = await DatabaseInspector.ScalarAsync(
            Scenario.Database,
            $"SELECT state || '|' || COALESCE(result, '') FROM work_items WHERE kind = 'msteams-activity' AND dedupe_key = '{key.Replace("'", "''", StringComparison.Ordinal)}'");
        if (row is null)
        {
            return null;
        }

        var bar = row.IndexOf('|', StringComparison.Ordinal);
        return (row[..bar], bar == row.Length - 1 ? null : row[(bar + 1)..]);
    }

    public Task<long> CountAsync(string table, string where = "1 = 1") => DatabaseInspector.CountAsync(Scenario.Database, table, where);

    /// <summary>The bot is added to the Platform team, and the team is linked to Ada's CodeStream team.</summary>
    public async Task InstallAndLinkAsync()
    {
        var install = TeamsActivities.BotAdded(ServiceUrl);
        Assert.Equal("Done", (await DeliverAsync(install.Json, install.Key)).State);
        using var linked = await Client.PostAsJsonAsync($"/api/v1/teams/{TeamId}/msteams/installations", new { msTeamsTeamId = TeamsTeamId });
        Assert.True(linked.StatusCode == HttpStatusCode.OK, await linked.Content.ReadAsStringAsync());
    }

    /// <summary>Ada shares the codemark to "Code review"; returns the share (its postId is the thread's root id).</summary>
    public async Task<JsonObject> ShareAsync()
    {
        using var response = await Client.PostAsJsonAsync(
            $"/api/v1/codemarks/{CodemarkId}/shares", new { userId = AdaId, provider = "msteams", msTeamsTeamId = TeamsTeamId, channelId = ChannelId });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<JsonObject> CodemarkAsync() => await Scenario.GetCodemarkAsync(CodemarkId);

    public async Task<JsonArray> RepliesAsync() => (await CodemarkAsync())["replies"]!.AsArray();

    public async Task<JsonArray> UsersAsync() => JsonNode.Parse(await Client.GetStringAsync($"/api/v1/teams/{TeamId}/users"))!.AsArray();

    public Task WaitUntilAsync(Func<bool> condition, string because) => SlackScenario.WaitUntilAsync(condition, TimeSpan.FromSeconds(20), because);

    public async ValueTask DisposeAsync()
    {
        await Scenario.DisposeAsync();
        await Teams.DisposeAsync();
    }
}
