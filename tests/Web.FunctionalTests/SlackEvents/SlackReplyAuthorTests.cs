using CodeStream.Integrations.TestSupport.Scenarios;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

/// <summary>Who wrote a reply that came from Slack (spec §8): a real user by e-mail (then linked), else one faux user per Slack user.</summary>
public sealed class SlackReplyAuthorTests
{
    private const string LinusSlackId = "U0EEE0007";

    [Fact]
    public async Task ThreadReply_WhenSlackEmailMatchesAUserInAnotherCase_IsAuthoredByThatUserAndLinksThem()
    {
        await using var thread = await SharedThread.StartAsync();
        var grace = await thread.Scenario.PostJsonAsync(
            $"/api/v1/teams/{thread.TeamId}/users", new { email = "grace.hopper@example.com", username = "grace", fullName = "Grace Hopper" });
        var graceId = (string)grace["id"]!;
        var eventId = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.ThreadReply(eventId, thread.WriteInThread(), thread.RootTs), eventId);

        Assert.Equal("Done", row.State);
        var reply = Assert.Single(await thread.RepliesAsync())!;
        Assert.Equal(graceId, (string)reply["creatorId"]!);
        Assert.Equal(
            1,
            await thread.CountAsync(
                "slack_identity_links",
                $"team_id = '{thread.TeamId}' AND slack_team_id = '{SlackScenario.SlackTeamId}' AND slack_user_id = '{SlackScenario.GraceSlackId}' AND user_id = '{graceId}'"));
        Assert.All(await thread.UsersAsync(), u => Assert.Null((string?)u!["externalUserId"]));

        // Linked now: her next reply is hers too, and no second link appears.
        var next = SlackEvent.NewEventId();
        await thread.DeliverAsync(SlackEvent.ThreadReply(next, thread.WriteInThread(), thread.RootTs, text: "and another thing"), next);
        Assert.All(await thread.RepliesAsync(), r => Assert.Equal(graceId, (string)r!["creatorId"]!));
        Assert.Equal(1, await thread.CountAsync("slack_identity_links", $"slack_user_id = '{SlackScenario.GraceSlackId}'"));
    }

    [Fact]
    public async Task ThreadReply_WhenNobodyHasTheSlackUsersEmail_CreatesOneFauxUserAndReusesIt()
    {
        await using var thread = await SharedThread.StartAsync();
        thread.Slack.AddUser(SlackScenario.SlackTeamId, LinusSlackId, "linus", "Linus Torvalds", "linus@kernel.example", "Europe/Helsinki");
        thread.Slack.AddChannelMember(SlackScenario.ChannelId, LinusSlackId);
        var first = SlackEvent.NewEventId();
        var second = SlackEvent.NewEventId();

        var firstRow = await thread.DeliverAsync(
            SlackEvent.ThreadReply(first, thread.WriteInThread(LinusSlackId, "one"), thread.RootTs, user: LinusSlackId, text: "one"), first);
        var secondRow = await thread.DeliverAsync(
            SlackEvent.ThreadReply(second, thread.WriteInThread(LinusSlackId, "two"), thread.RootTs, user: LinusSlackId, text: "two"), second);

        Assert.Equal("Done", firstRow.State);
        Assert.Equal("Done", secondRow.State);
        var externalId = $"slack::{thread.TeamId}::{SlackScenario.SlackTeamId}::{LinusSlackId}";
        var faux = Assert.Single(await thread.UsersAsync(), u => (string?)u!["externalUserId"] == externalId)!;
        Assert.False((bool)faux["isRegistered"]!);
        Assert.Equal("linus@kernel.example", (string?)faux["email"]);
        var replies = await thread.RepliesAsync();
        Assert.Equal(2, replies.Count);
        Assert.All(replies, r => Assert.Equal((string)faux["id"]!, (string)r!["creatorId"]!));
        Assert.Equal(1, await thread.CountAsync("users", $"external_user_id = '{externalId}'"));
    }
}
