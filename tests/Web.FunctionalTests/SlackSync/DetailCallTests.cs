using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackSync;

/// <summary>
/// Slack calls that only add detail: a failing one leaves the reply created (without the detail), and the mention
/// path through <c>users.lookupByEmail</c> turns a CodeStream @mention into a Slack mention.
/// </summary>
public sealed class DetailCallTests
{
    [Fact]
    public async Task ThreadReply_WhenSlackRefusesTheAuthorsProfile_IsStillCreatedByAFauxUser()
    {
        await using var thread = await SharedThread.StartAsync();
        var ts = thread.WriteInThread(SlackScenario.GraceSlackId, "no profile for me");
        thread.Slack.FailNext("users.info", SlackFault.Error("user_not_found"));
        var eventId = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.ThreadReply(eventId, ts, thread.RootTs, text: "no profile for me"), eventId);

        Assert.Equal("Done", row.State);
        var reply = (await thread.RepliesAsync()).Single()!;
        var author = (await thread.UsersAsync()).Single(u => (string?)u!["id"] == (string)reply["creatorId"]!)!;
        Assert.False((bool)author["isRegistered"]!);
        Assert.Equal(SlackScenario.GraceSlackId, (string)author["username"]!);
        Assert.Single(thread.Slack.CallsTo("users.info"), c => c.Arg("user") == SlackScenario.GraceSlackId);
    }

    [Fact]
    public async Task ThreadReply_WhenThePermalinkCannotBeHad_IsStillCreatedWithoutOne()
    {
        // auth.test failing at install leaves no workspace URL: permalinks are asked of Slack, which refuses here.
        await using var thread = await SharedThread.StartAsync(beforeConnecting: s => s.Slack.FailNext("auth.test", SlackFault.Error("fatal_error"), times: 3));
        var ts = thread.WriteInThread(SlackScenario.GraceSlackId, "link-less");
        thread.Slack.FailNext("chat.getPermalink", SlackFault.Error("message_not_found"));
        var eventId = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.ThreadReply(eventId, ts, thread.RootTs, text: "link-less"), eventId);

        Assert.Equal("Done", row.State);
        var reply = (await thread.RepliesAsync()).Single()!;
        Assert.Equal("link-less", (string)reply["text"]!);
        Assert.Null(reply["sharedTo"]![0]!["url"]);
        Assert.Contains(thread.Slack.CallsTo("chat.getPermalink"), c => c.Arg("message_ts") == ts && !c.Succeeded);
    }

    [Fact]
    public async Task CodeStreamReply_MentioningAnUnlinkedTeammate_MentionsThemInSlackFoundByEmail()
    {
        await using var thread = await SharedThread.StartAsync();
        await thread.Scenario.PostJsonAsync(
            $"/api/v1/teams/{thread.TeamId}/users", new { email = "grace.hopper@example.com", username = "grace", fullName = "Grace Hopper" });
        await thread.Scenario.PostJsonAsync(
            $"/api/v1/teams/{thread.TeamId}/users", new { email = "nobody@elsewhere.example", username = "nobody", fullName = "No Body" });

        await thread.ReplyInCodeStreamAsync("@grace and @nobody, please look");
        await SlackScenario.WaitUntilAsync(
            () => thread.Slack.Thread(SlackScenario.ChannelId, thread.RootTs).Any(m => m.IsReply), because: "the reply is copied into the thread");

        var copy = thread.Slack.Thread(SlackScenario.ChannelId, thread.RootTs).Single(m => m.IsReply);
        Assert.Contains($"<@{SlackScenario.GraceSlackId}>", copy.Text, StringComparison.Ordinal);
        Assert.Contains("@nobody", copy.Text, StringComparison.Ordinal);
        Assert.Contains(thread.Slack.CallsTo("users.lookupByEmail"), c => c.Arg("email") == "grace.hopper@example.com" && c.Succeeded);
        Assert.Contains(thread.Slack.CallsTo("users.lookupByEmail"), c => c.Arg("email") == "nobody@elsewhere.example" && !c.Succeeded);
    }
}
