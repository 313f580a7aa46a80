using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Scenarios;

namespace CodeStream.Integrations.Web.FunctionalTests.Resync;

/// <summary>
/// Replies written in Slack while no host receives are read back from their threads (<c>conversations.replies</c>)
/// when a host starts after the gap, or when an operator asks: exactly once, authored right, edits applied, paced
/// within the configured calls per minute (the fake enforces Slack's limit with 429 + Retry-After).
/// </summary>
public sealed class ResyncTests
{
    public static TheoryData<DatabaseProvider> Databases => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task HostStartingAfterAGap_ReadsTheGapBack_ExactlyOnceAuthoredRightWithEditsAndWithinThePace(DatabaseProvider provider)
    {
        var world = await ResyncWorld.StartAsync(Settings(callsPerMinute: 30), provider);
        await using var thread = world.First;
        world.Scenario.Slack.SetRateLimit("conversations.replies", 30);
        var lastStored = await world.ReplyBeforeTheGapAsync();

        await world.Scenario.StopHostAsync();
        world.HappenInSlackDuringTheGap(lastStored);
        await Task.Delay(TimeSpan.FromSeconds(3)); // longer than slack:resync:gap
        await world.Scenario.StartHostAsync();

        var runId = await SingleRunIdAsync(world);
        var run = await world.WaitForRunAsync(runId, TimeSpan.FromSeconds(60));
        await world.AssertRepliesAsync();
        Assert.Equal("startup", (string?)run["trigger"]);
        Assert.Equal(2, (int)run["threadsTotal"]!);
        Assert.Equal(2, (int)run["threadsDone"]!);
        Assert.Equal(40, (int)run["repliesAdded"]!);
        Assert.Equal(1, (int)run["editsApplied"]!); // the stored reply; the other edit came with its reply
        Assert.Equal(0, (int)run["errors"]!);

        var calls = world.Scenario.Slack.CallsTo("conversations.replies").Where(c => c.ReceivedAt >= DateTimeOffset.UtcNow.AddMinutes(-2)).ToList();
        Assert.All(calls, c => Assert.True(c.Succeeded, $"conversations.replies answered {c.StatusCode} {c.Error}"));
        Assert.True(calls.Count >= 4, $"{calls.Count} pages read (15 messages a page)");
        Assert.All(calls.Zip(calls.Skip(1)), pair => Assert.True(
            pair.Second.ReceivedAt - pair.First.ReceivedAt >= TimeSpan.FromSeconds(1.9), $"two calls {pair.Second.ReceivedAt - pair.First.ReceivedAt} apart"));

        // The same resync again, asked by an operator: nothing new.
        using var again = await world.Scenario.Client.PostAsJsonAsync("/api/v1/slack/resync", new { slackTeamId = SlackScenario.SlackTeamId });
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var second = await world.WaitForRunAsync((string)(await again.Content.ReadFromJsonAsync<JsonObject>())!["id"]!, TimeSpan.FromSeconds(60));
        Assert.Equal((0, 0, 0), ((int)second["repliesAdded"]!, (int)second["editsApplied"]!, (int)second["errors"]!));
        await world.AssertRepliesAsync();
    }

    [Fact]
    public async Task Resync_WhenItsHostIsKilledHalfway_ContinuesOnTheNextHostToTheSameResult()
    {
        var keys = Path.Combine(Path.GetTempPath(), "codestream-tests", "keys-resync-" + Guid.NewGuid().ToString("N"));
        var idle = Settings(callsPerMinute: 30);
        idle["dataProtection:keysPath"] = keys;
        idle["workQueue:processorEnabled"] = "false"; // the in-process host serves the API; the processes do the work
        var world = await ResyncWorld.StartAsync(idle);
        await using var thread = world.First;
        world.HappenInSlackDuringTheGap(lastStoredTs: null);
        var settings = world.Scenario.StandaloneHostSettings(keys);
        foreach (var (key, value) in Settings(callsPerMinute: 30))
        {
            settings[key] = value!;
        }

        settings["slack:resync:pageSize"] = "5";
        using var started = await thread.Client.PostAsJsonAsync("/api/v1/slack/resync", new { });
        var runId = (string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await using (var first = await Operability.WebHostProcess.StartAsync(settings))
        {
            await SlackScenario.WaitUntilAsync(
                async () => (int)(await world.RunAsync(runId))["repliesAdded"]! >= 10, TimeSpan.FromSeconds(60), "the first host is halfway");
        } // killed: SIGKILL

        var halfway = await world.RunAsync(runId);
        Assert.Equal("running", (string?)halfway["state"]);
        await using var second = await Operability.WebHostProcess.StartAsync(settings);
        var run = await world.WaitForRunAsync(runId, TimeSpan.FromSeconds(90));

        await world.AssertRepliesAsync();
        Assert.Equal(0, (int)run["errors"]!);
        Assert.Equal(2, (int)run["threadsDone"]!);
    }

    [Fact]
    public async Task Resync_WhenOneThreadCannotBeReadAnyMore_CountsItAndRecoversTheOthers()
    {
        var world = await ResyncWorld.StartAsync(Settings(callsPerMinute: 60));
        await using var thread = world.First;
        world.HappenInSlackDuringTheGap(lastStoredTs: null);
        world.Scenario.Slack.DeleteMessage(SlackScenario.ChannelId, world.SecondRootTs); // its card (and thread) deleted in Slack
        world.Expected[world.SecondCodemarkId].Clear();

        using var started = await thread.Client.PostAsJsonAsync("/api/v1/slack/resync", new { });
        var run = await world.WaitForRunAsync((string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!, TimeSpan.FromSeconds(60));

        Assert.Equal((2, 1, 20), ((int)run["threadsDone"]!, (int)run["errors"]!, (int)run["repliesAdded"]!));
        await world.AssertRepliesAsync();
    }

    [Fact]
    public async Task HostStartingWithoutAGap_StartsNoResync()
    {
        var world = await ResyncWorld.StartAsync(Settings(callsPerMinute: 30, gap: "00:01:00"));
        await using var thread = world.First;
        await world.ReplyBeforeTheGapAsync();

        await world.Scenario.StopHostAsync();
        await world.Scenario.StartHostAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(0, await thread.CountAsync("slack_resync_runs"));
    }

    [Fact]
    public async Task ResyncApi_WithBadInputOrAnUnknownRun_AnswersClearly()
    {
        var world = await ResyncWorld.StartAsync(Settings(callsPerMinute: 30));
        await using var thread = world.First;

        using var future = await thread.Client.PostAsJsonAsync("/api/v1/slack/resync", new { since = DateTimeOffset.UtcNow.AddDays(1) });
        using var badTeam = await thread.Client.PostAsJsonAsync("/api/v1/slack/resync", new { slackTeamId = "not a team" });
        using var unknown = await thread.Client.GetAsync("/api/v1/slack/resync/0000");
        using var noKey = await thread.Scenario.Host.CreateClient(apiKey: null).PostAsync("/api/v1/slack/resync", null);

        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badTeam.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(0, await thread.CountAsync("slack_resync_runs"));
    }

    internal static Dictionary<string, string?> Settings(int callsPerMinute, string gap = "00:00:02") => new()
    {
        ["slack:resync:gap"] = gap,
        ["slack:resync:callsPerMinute"] = callsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["slack:resync:pageSize"] = "15",
    };

    private static async Task<string> SingleRunIdAsync(ResyncWorld world)
    {
        string? id = null;
        await SlackScenario.WaitUntilAsync(
            async () => (id = await SlackOAuth.DatabaseInspector.ScalarAsync(world.First.Database, "SELECT id FROM slack_resync_runs")) is not null,
            because: "the start-up resync is recorded");
        Assert.Equal(1, await world.First.CountAsync("slack_resync_runs"));
        return id!;
    }
}
