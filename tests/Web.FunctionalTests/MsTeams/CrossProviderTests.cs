using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

namespace CodeStream.Integrations.Web.FunctionalTests.MsTeams;

/// <summary>A codemark shared to both Slack and Teams: a reply written in either tool reaches the other's thread, once.</summary>
public sealed class CrossProviderTests
{
    [Fact]
    public async Task Replies_WrittenInSlackAndInTeams_AreCopiedIntoTheOtherToolsThread()
    {
        await using var world = await TeamsWorld.StartAsync();
        await world.InstallAndLinkAsync();
        var teamsRoot = (string)(await world.ShareAsync())["postId"]!;
        using (var connected = await world.Scenario.ConnectSlackAsync(world.AdaId, world.TeamId))
        {
            Assert.True(connected.IsSuccessStatusCode);
        }

        var slackRoot = (string)(await world.Scenario.ShareToChannelAsync(world.CodemarkId, world.AdaId))["postId"]!;

        // Grace writes in the Slack thread.
        var slack = world.Scenario.Slack;
        var ts = slack.AddMessage(SlackScenario.ChannelId, SlackScenario.GraceSlackId, "from Slack", threadTs: slackRoot);
        var eventId = SlackEvent.NewEventId();
        using (var posted = await SharedThread.PostSignedAsync(world.Client, SlackEvent.ThreadReply(eventId, ts, slackRoot, text: "from Slack")))
        {
            Assert.True(posted.IsSuccessStatusCode);
        }

        await world.WaitUntilAsync(
            () => world.Teams.Thread(TeamsWorld.ChannelId, teamsRoot).Any(m => m.Text?.Contains("from Slack", StringComparison.Ordinal) == true),
            "the Slack reply is copied into the Teams thread");

        // Sam writes in the Teams thread.
        var fromTeams = TeamsActivities.Message(world.ServiceUrl, teamsRoot, TeamsWorld.NewActivityId(), TeamsWorld.SamMember, "Sam Stranger", "<p>from Teams</p>");
        Assert.Equal("Done", (await world.DeliverAsync(fromTeams.Json, fromTeams.Key)).State);
        await world.WaitUntilAsync(
            () => slack.Thread(SlackScenario.ChannelId, slackRoot).Any(m => m.IsReply && m.UserId == SlackScenario.BotUserId && m.Text!.Contains("from Teams", StringComparison.Ordinal)),
            "the Teams reply is copied into the Slack thread");

        await SlackScenario.WaitUntilAsync(
            async () => await world.CountAsync("work_items", "state IN ('Pending', 'Processing')") == 0, TimeSpan.FromSeconds(20), "the queue is drained");
        Assert.Single(world.Teams.Thread(TeamsWorld.ChannelId, teamsRoot), m => m.Text?.Contains("from Slack", StringComparison.Ordinal) == true);
        Assert.Single(slack.Thread(SlackScenario.ChannelId, slackRoot), m => m.IsReply && m.UserId == SlackScenario.BotUserId);
        Assert.Equal(2, (await world.RepliesAsync()).Count);
    }
}
