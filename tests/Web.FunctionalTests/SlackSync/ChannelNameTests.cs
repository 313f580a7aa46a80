using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackSync;

/// <summary>A share knows the name of its conversation (<c>sharedTo[].channelName</c>) and keeps it current.</summary>
public sealed class ChannelNameTests
{
    private const string BobSlackId = "U0BOB0007";

    [Fact]
    public async Task Share_RecordsTheChannelName_AndAChannelRenameUpdatesIt()
    {
        await using var thread = await SharedThread.StartAsync();
        Assert.Equal(SlackScenario.ChannelName, (string?)(await SharedToAsync(thread)).Single()!["channelName"]);

        var renamed = SlackEvent.NewEventId();
        var row = await thread.DeliverAsync(SlackEvent.ChannelRename(renamed, SlackScenario.ChannelId, "code-review-2027"), renamed);

        Assert.Equal("Done", row.State);
        Assert.Equal("code-review-2027", (string?)(await SharedToAsync(thread)).Single()!["channelName"]);
    }

    [Fact]
    public async Task ChannelRename_OfAChannelWithNoShare_ChangesNothing()
    {
        await using var thread = await SharedThread.StartAsync();
        var renamed = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.ChannelRename(renamed, "C0OTHER001", "random-2"), renamed);

        Assert.Equal(("Ignored", "no-share-renamed"), (row.State, row.Result));
        Assert.Equal(SlackScenario.ChannelName, (string?)(await SharedToAsync(thread)).Single()!["channelName"]);
    }

    [Fact]
    public async Task Renames_DeliveredOutOfOrder_LeaveTheLatestName()
    {
        await using var thread = await SharedThread.StartAsync();
        var later = SlackEvent.NewEventId();
        var earlier = SlackEvent.NewEventId();

        var laterRow = await thread.DeliverAsync(
            SlackEvent.ChannelRename(later, SlackScenario.ChannelId, "reviews-final", SlackEvent.TsAfter(thread.RootTs, 20), type: "group_rename"), later);
        var earlierRow = await thread.DeliverAsync(
            SlackEvent.ChannelRename(earlier, SlackScenario.ChannelId, "reviews-draft", SlackEvent.TsAfter(thread.RootTs, 10), type: "group_rename"), earlier);

        Assert.Equal("Done", laterRow.State);
        Assert.Equal(("Ignored", "no-share-renamed"), (earlierRow.State, earlierRow.Result));
        Assert.Equal("reviews-final", (string?)(await SharedToAsync(thread)).Single()!["channelName"]);
    }

    [Fact]
    public async Task ShareToPeople_NamesTheDmByThePersonAndTheGroupDmWithoutTheSharer()
    {
        await using var scenario = await SlackScenario.StartAsync();
        scenario.Slack.AddUser(SlackScenario.SlackTeamId, BobSlackId, "bob", "Bob Kahn", "bob@example.com");
        var (_, adaId, codemarkId) = await scenario.ConnectedCodemarkAsync();

        var group = await ShareToPeopleAsync(scenario, codemarkId, adaId, SlackScenario.GraceSlackId, BobSlackId);

        // With the bot, Slack names the group DM mpdm-ada--bob--codestream--grace-1: the people other than Ada are named.
        Assert.Equal("bob, grace", (string?)group["channelName"]);
    }

    [Fact]
    public async Task ShareTargets_NameDmsByThePersonAndGroupDmsWithoutTheViewer()
    {
        await using var scenario = await SlackScenario.StartAsync();
        scenario.Slack.AddUser(SlackScenario.SlackTeamId, BobSlackId, "bob", "Bob Kahn", "bob@example.com");
        var (_, adaId, _) = await scenario.ConnectedCodemarkAsync();
        var adaToken = scenario.Slack.IssueToken(SlackScenario.SlackTeamId, SlackScenario.AdaSlackId, "im:write,mpim:write");
        await OpenAsync(scenario, adaToken, SlackScenario.GraceSlackId);
        await OpenAsync(scenario, adaToken, SlackScenario.GraceSlackId, BobSlackId);

        var targets = JsonNode.Parse(await scenario.Client.GetStringAsync(
            $"/api/v1/users/{adaId}/slack/conversations?slackTeamId={SlackScenario.SlackTeamId}"))!.AsArray();

        var byKind = targets.ToLookup(t => (string)t!["kind"]!, t => (string)t!["name"]!);
        Assert.Equal(["@Grace Hopper"], byKind["direct"]);
        Assert.Equal(["bob, grace"], byKind["group"]);
        Assert.Equal(["#code-review"], byKind["channel"]);
    }

    private static async Task<JsonArray> SharedToAsync(SharedThread thread) => (await thread.CodemarkAsync())["sharedTo"]!.AsArray();

    private static async Task<JsonObject> ShareToPeopleAsync(SlackScenario scenario, string codemarkId, string userId, params string[] slackUserIds)
    {
        using var response = await scenario.Client.PostAsJsonAsync(
            $"/api/v1/codemarks/{codemarkId}/shares", new { userId, slackTeamId = SlackScenario.SlackTeamId, userIds = slackUserIds });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    // Ada opens a conversation in Slack herself (as she would in the Slack app).
    private static async Task OpenAsync(SlackScenario scenario, string token, params string[] others)
    {
        using var client = new HttpClient { BaseAddress = scenario.Slack.ApiBaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "conversations.open")
        {
            Content = new FormUrlEncodedContent([new("users", string.Join(',', others))]),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.True((bool)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["ok"]!);
    }
}
