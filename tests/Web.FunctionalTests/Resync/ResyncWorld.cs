using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

namespace CodeStream.Integrations.Web.FunctionalTests.Resync;

/// <summary>
/// Two codemarks shared to <c>#code-review</c> (two threads), two replies delivered as events before a downtime, and
/// what Slack users do while no host receives: 40 replies (3 by someone CodeStream has never seen, 2 with files)
/// and 2 edits. <see cref="Expected"/> is what CodeStream must hold once the gap is read again.
/// </summary>
internal sealed class ResyncWorld
{
    public const string NewcomerSlackId = "U0NEW0007";
    private const string FilesJson = """[{"id":"F0FILE0001","name":"trace.log","title":"trace.log","mimetype":"text/plain","size":1204,"permalink":"https://example-workspace.slack.com/files/U0CCC0003/F0FILE0001/trace.log"}]""";

    private ResyncWorld(SharedThread first, string secondCodemarkId, string secondRootTs)
    {
        First = first;
        SecondCodemarkId = secondCodemarkId;
        SecondRootTs = secondRootTs;
    }

    public SharedThread First { get; }

    public string SecondCodemarkId { get; }

    public string SecondRootTs { get; }

    public SlackScenario Scenario => First.Scenario;

    /// <summary>Codemark id → (text, Slack author) of every reply it must have.</summary>
    public Dictionary<string, List<(string Text, string SlackUser, bool HasFiles)>> Expected { get; } = [];

    public static async Task<ResyncWorld> StartAsync(IDictionary<string, string?> settings, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var first = await SharedThread.StartAsync(provider, settings);
        first.Slack.AddUser(SlackScenario.SlackTeamId, NewcomerSlackId, "newcomer", "New Comer", "newcomer@elsewhere.example");
        var second = await first.Scenario.PostJsonAsync($"/api/v1/teams/{first.TeamId}/codemarks", new
        {
            creatorId = first.AdaId,
            type = "comment",
            text = "Second thread",
            markers = new[] { new { file = "src/Second.cs", repo = "acme/app", startLine = 1, endLine = 2, code = "return 2;" } },
        });
        var share = await first.Scenario.ShareToChannelAsync((string)second["id"]!, first.AdaId);
        var world = new ResyncWorld(first, (string)second["id"]!, (string)share["postId"]!);
        world.Expected[first.CodemarkId] = [];
        world.Expected[world.SecondCodemarkId] = [];
        return world;
    }

    /// <summary>Two replies in the first thread, delivered as events while the host runs.</summary>
    public async Task<string> ReplyBeforeTheGapAsync()
    {
        string ts = string.Empty;
        for (var i = 0; i < 2; i++)
        {
            ts = First.WriteInThread(text: $"before the gap {i}");
            var eventId = SlackEvent.NewEventId();
            Assert.Equal("Done", (await First.DeliverAsync(SlackEvent.ThreadReply(eventId, ts, First.RootTs, text: $"before the gap {i}"), eventId)).State);
            Expected[First.CodemarkId].Add(($"before the gap {i}", SlackScenario.GraceSlackId, false));
        }

        return ts;
    }

    /// <summary>What happens in Slack while no host receives; <paramref name="lastStoredTs"/>, when given, is edited too.</summary>
    public void HappenInSlackDuringTheGap(string? lastStoredTs)
    {
        var slack = First.Slack;
        for (var i = 0; i < 40; i++)
        {
            var (codemark, root) = i % 2 == 0 ? (First.CodemarkId, First.RootTs) : (SecondCodemarkId, SecondRootTs);
            var author = i is 5 or 17 or 33 ? NewcomerSlackId : SlackScenario.GraceSlackId;
            var files = i is 8 or 21;
            var text = $"during the gap {i}";
            var ts = slack.AddMessage(SlackScenario.ChannelId, author, text, threadTs: root, filesJson: files ? FilesJson : null);
            if (i == 11)
            {
                slack.EditMessage(SlackScenario.ChannelId, ts, text = "during the gap 11, edited");
            }

            Expected[codemark].Add((text, author, files));
        }

        // Written and deleted again during the gap: gone from Slack, so never a reply.
        slack.DeleteMessage(SlackScenario.ChannelId, slack.AddMessage(SlackScenario.ChannelId, SlackScenario.GraceSlackId, "deleted during the gap", threadTs: First.RootTs));

        if (lastStoredTs is not null)
        {
            slack.EditMessage(SlackScenario.ChannelId, lastStoredTs, "before the gap 1, edited");
            var stored = Expected[First.CodemarkId];
            stored[1] = ("before the gap 1, edited", SlackScenario.GraceSlackId, false);
        }
    }

    /// <summary>Waits for the run to finish; returns its progress as the API shows it.</summary>
    public async Task<JsonObject> WaitForRunAsync(string runId, TimeSpan timeout)
    {
        JsonObject? run = null;
        await SlackScenario.WaitUntilAsync(
            async () => (string?)(run = await RunAsync(runId))["state"] == "finished", timeout, $"resync {runId} finishes: {run?.ToJsonString()}");
        return run!;
    }

    public async Task<JsonObject> RunAsync(string runId)
    {
        using var response = await Scenario.Client.GetAsync($"/api/v1/slack/resync/{runId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Every reply of both codemarks is there exactly once, by the right author, with files where sent.</summary>
    public async Task AssertRepliesAsync()
    {
        var users = (await First.UsersAsync()).Select(u => u!.AsObject()).ToList();
        var grace = users.Single(u => (string?)u["email"] == "Grace.Hopper@example.com" || (string?)u["email"] == "grace.hopper@example.com");
        var newcomer = users.SingleOrDefault(u => (string?)u["email"] == "newcomer@elsewhere.example"); // a faux user, once they replied
        foreach (var (codemarkId, expected) in Expected)
        {
            var replies = (await Scenario.GetCodemarkAsync(codemarkId))["replies"]!.AsArray().Select(r => r!.AsObject()).ToList();
            Assert.Equal(expected.Select(e => e.Text).Order(), replies.Select(r => (string)r["text"]!).Order());
            foreach (var (text, slackUser, hasFiles) in expected)
            {
                var reply = Assert.Single(replies, r => (string?)r["text"] == text);
                Assert.Equal((string?)(slackUser == NewcomerSlackId ? newcomer : grace)?["id"], (string?)reply["creatorId"]);
                Assert.Equal(hasFiles, reply["files"]!.AsArray().Count > 0);
            }
        }
    }
}
