using System.Net;
using System.Net.Http.Json;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Scenarios;

namespace CodeStream.Integrations.Web.FunctionalTests.MsTeams;

/// <summary>
/// Microsoft Teams end to end through the host and the fake Bot Framework: the bot installed and linked, a codemark
/// shared as a card, replies both ways with the right authors, and edits and deletes following every copy.
/// </summary>
public sealed class TeamsRepliesTests
{
    public static TheoryData<DatabaseProvider> Databases => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task Share_PostsOneCardIntoTheChannel_AndRecordsTheShare(DatabaseProvider provider)
    {
        await using var world = await TeamsWorld.StartAsync(provider);
        await world.InstallAndLinkAsync();

        var share = await world.ShareAsync();
        var again = await world.ShareAsync();

        var card = Assert.Single(world.Teams.Messages(TeamsWorld.ChannelId));
        Assert.Equal(card.Id, (string)share["postId"]!);
        Assert.Equal((string)share["postId"]!, (string)again["postId"]!);
        Assert.Equal("msteams", (string)share["providerId"]!);
        Assert.Contains("application/vnd.microsoft.card.adaptive", card.AttachmentsJson, StringComparison.Ordinal);
        Assert.Contains("Possible race", card.AttachmentsJson, StringComparison.Ordinal);
        Assert.Contains("src/Worker.cs", card.AttachmentsJson, StringComparison.Ordinal);
        var sharedTo = Assert.Single((await world.CodemarkAsync())["sharedTo"]!.AsArray())!;
        Assert.Equal(TeamsWorld.ChannelId, (string)sharedTo["channelId"]!);
        Assert.Equal(1, await world.CountAsync("msteams_shares"));
        Assert.Single(world.Teams.CallsTo("POST", "/v3/conversations"), c => c.Succeeded && !c.Path.Contains("activities", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task CodeStreamReply_IsPostedIntoTheThread_ThenUpdatedAndDeleted(DatabaseProvider provider)
    {
        await using var world = await TeamsWorld.StartAsync(provider);
        await world.InstallAndLinkAsync();
        var rootId = (string)(await world.ShareAsync())["postId"]!;

        var reply = await world.Scenario.PostJsonAsync($"/api/v1/codemarks/{world.CodemarkId}/replies", new { creatorId = world.AdaId, text = "Use a **lock** & test it" });
        await world.WaitUntilAsync(() => world.Teams.Thread(TeamsWorld.ChannelId, rootId).Count == 1, "the reply is posted into the thread");
        var copy = world.Teams.Thread(TeamsWorld.ChannelId, rootId)[0];
        Assert.Contains("<b>lock</b> &amp; test it", copy.Text, StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace", copy.Text, StringComparison.Ordinal);

        using (var edited = await world.Client.PutAsJsonAsync($"/api/v1/replies/{reply["id"]}", new { text = "Use a lock, edited" }))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        }

        await world.WaitUntilAsync(() => world.Teams.Thread(TeamsWorld.ChannelId, rootId)[0].Text!.Contains("edited", StringComparison.Ordinal), "the copy shows the edit");
        using (var deleted = await world.Client.DeleteAsync($"/api/v1/replies/{reply["id"]}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await world.WaitUntilAsync(() => world.Teams.Thread(TeamsWorld.ChannelId, rootId).Count == 0, "the copy is deleted");
        Assert.Single(world.Teams.CallsTo("PUT", "/activities/"), c => c.Succeeded);
        Assert.Single(world.Teams.CallsTo("DELETE", "/activities/"), c => c.Succeeded);
        Assert.Single(world.Teams.CallsTo("POST", "/oauth2/v2.0/token")); // the bot's token is asked for once and kept
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task TeamsReplies_ByAKnownAndAnUnknownMember_BecomeRepliesByTheRightAuthors(DatabaseProvider provider)
    {
        await using var world = await TeamsWorld.StartAsync(provider);
        var grace = await world.Scenario.PostJsonAsync($"/api/v1/teams/{world.TeamId}/users", new { email = "grace.hopper@example.com", username = "grace", fullName = "Grace Hopper" });
        await world.InstallAndLinkAsync();
        var rootId = (string)(await world.ShareAsync())["postId"]!;

        var fromGrace = TeamsActivities.Message(
            world.ServiceUrl, rootId, TeamsWorld.NewActivityId(), TeamsWorld.GraceMember, "Grace Hopper",
            "<p>Looks good <at>Ada Lovelace</at> &amp; <b>ship</b> it</p>", TeamsActivities.Mention(TeamsWorld.AdaMember, "Ada Lovelace"));
        var fromSam = TeamsActivities.Message(world.ServiceUrl, rootId, TeamsWorld.NewActivityId(), TeamsWorld.SamMember, "Sam Stranger", "<p>+1 from me</p>");

        Assert.Equal("Done", (await world.DeliverAsync(fromGrace.Json, fromGrace.Key)).State);
        Assert.Equal("Done", (await world.DeliverAsync(fromSam.Json, fromSam.Key)).State);

        var replies = await world.RepliesAsync();
        Assert.Equal(2, replies.Count);
        Assert.Equal((string)grace["id"]!, (string)replies[0]!["creatorId"]!);
        Assert.Equal("MsTeams", (string)replies[0]!["origin"]!);
        Assert.Equal("Looks good @ada & **ship** it", (string)replies[0]!["text"]!);
        Assert.Equal([world.AdaId], replies[0]!["mentionedUserIds"]!.AsArray().Select(u => (string)u!));
        var sam = (await world.UsersAsync()).Single(u => (string?)u!["email"] == "sam@elsewhere.example")!;
        Assert.False((bool)sam["isRegistered"]!);
        Assert.Equal((string)sam["id"]!, (string)replies[1]!["creatorId"]!);
        Assert.Equal("+1 from me", (string)replies[1]!["text"]!);
        await SlackScenario.WaitUntilAsync(
            async () => await world.CountAsync("work_items", "state IN ('Pending', 'Processing')") == 0, TimeSpan.FromSeconds(20), "the queue is drained");
        Assert.DoesNotContain(world.Teams.Thread(TeamsWorld.ChannelId, rootId), m => m.FromId == "28:" + TeamsWorld.AppId); // never copied back
    }

    [Fact]
    public async Task TeamsReply_EditedThenDeletedInTeams_FollowsInCodeStream_AndARedeliveryIsAppliedOnce()
    {
        await using var world = await TeamsWorld.StartAsync();
        await world.InstallAndLinkAsync();
        var rootId = (string)(await world.ShareAsync())["postId"]!;
        var id = TeamsWorld.NewActivityId();
        var message = TeamsActivities.Message(world.ServiceUrl, rootId, id, TeamsWorld.SamMember, "Sam Stranger", "<p>first</p>");

        Assert.Equal("Done", (await world.DeliverAsync(message.Json, message.Key)).State);
        using (var again = await world.PostActivityAsync(message.Json))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var edit = TeamsActivities.Edited(world.ServiceUrl, rootId, id, TeamsWorld.SamMember, "<p>second</p>", DateTimeOffset.UtcNow);
        Assert.Equal("Done", (await world.DeliverAsync(edit.Json, edit.Key)).State);
        Assert.Equal("second", (string)(await world.RepliesAsync()).Single()!["text"]!);

        var delete = TeamsActivities.Deleted(world.ServiceUrl, rootId, id, TeamsWorld.SamMember);
        Assert.Equal("Done", (await world.DeliverAsync(delete.Json, delete.Key)).State);
        Assert.True((bool)(await world.RepliesAsync()).Single()!["deleted"]!);
        Assert.Equal(1, await world.CountAsync("work_items", $"kind = 'msteams-activity' AND dedupe_key = '{message.Key}'"));
        Assert.Equal(1, await world.CountAsync("posts", "origin = 'MsTeams'"));
    }

    [Fact]
    public async Task TeamsActivities_OutOfOrder_OrFromTheBot_ChangeNothingTheyShouldNot()
    {
        await using var world = await TeamsWorld.StartAsync();
        await world.InstallAndLinkAsync();
        var rootId = (string)(await world.ShareAsync())["postId"]!;

        // A delete that overtakes its message's creation still deletes it once it exists.
        var gone = TeamsWorld.NewActivityId();
        var early = TeamsActivities.Deleted(world.ServiceUrl, rootId, gone, TeamsWorld.SamMember);
        using (var posted = await world.PostActivityAsync(early.Json))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        var created = TeamsActivities.Message(world.ServiceUrl, rootId, gone, TeamsWorld.SamMember, "Sam Stranger", "<p>soon gone</p>");
        Assert.Equal("Done", (await world.DeliverAsync(created.Json, created.Key)).State);
        await SlackScenario.WaitUntilAsync(async () => (await world.InboxRowAsync(early.Key))?.State == "Done", TimeSpan.FromSeconds(20), "the early delete applies");

        // An older edit delivered after a newer one changes nothing.
        var kept = TeamsWorld.NewActivityId();
        var message = TeamsActivities.Message(world.ServiceUrl, rootId, kept, TeamsWorld.SamMember, "Sam Stranger", "<p>v1</p>");
        Assert.Equal("Done", (await world.DeliverAsync(message.Json, message.Key)).State);
        var now = DateTimeOffset.UtcNow;
        var newer = TeamsActivities.Edited(world.ServiceUrl, rootId, kept, TeamsWorld.SamMember, "<p>v3</p>", now.AddSeconds(20));
        var older = TeamsActivities.Edited(world.ServiceUrl, rootId, kept, TeamsWorld.SamMember, "<p>v2</p>", now.AddSeconds(10));
        Assert.Equal("Done", (await world.DeliverAsync(newer.Json, newer.Key)).State);
        Assert.Equal(("Ignored", "older-edit"), await world.DeliverAsync(older.Json, older.Key));

        // The bot's own message (as Teams may echo it) is never a reply.
        var own = TeamsActivities.Message(world.ServiceUrl, rootId, TeamsWorld.NewActivityId(), "28:" + TeamsWorld.AppId, "CodeStream", "<p>echo</p>");
        Assert.Equal(("Ignored", "own-message"), await world.DeliverAsync(own.Json, own.Key));

        var replies = await world.RepliesAsync();
        Assert.Equal(2, replies.Count);
        Assert.True((bool)replies.Single(r => (bool)r!["deleted"]!)!["deleted"]!);
        Assert.Equal("v3", (string)replies.Single(r => !(bool)r!["deleted"]!)!["text"]!);
    }

    [Fact]
    public async Task Share_IntoAChannelOfAnotherTeam_Is404AndPostsNothing()
    {
        await using var world = await TeamsWorld.StartAsync();
        world.Teams.AddTeam("19:other0009@thread.tacv2", "Elsewhere", TeamsWorld.TenantId);
        world.Teams.AddChannel("19:other0009@thread.tacv2", "19:otherchan@thread.tacv2", "Secrets");
        await world.InstallAndLinkAsync();

        using var share = await world.Client.PostAsJsonAsync(
            $"/api/v1/codemarks/{world.CodemarkId}/shares",
            new { userId = world.AdaId, provider = "msteams", msTeamsTeamId = TeamsWorld.TeamsTeamId, channelId = "19:otherchan@thread.tacv2" });

        Assert.Equal(HttpStatusCode.NotFound, share.StatusCode);
        Assert.Empty(world.Teams.Messages("19:otherchan@thread.tacv2"));
        Assert.Equal(0, await world.CountAsync("msteams_shares"));
    }

    [Fact]
    public async Task Codemark_EditedThenDeleted_ItsCardFollows()
    {
        await using var world = await TeamsWorld.StartAsync();
        await world.InstallAndLinkAsync();
        var rootId = (string)(await world.ShareAsync())["postId"]!;

        using (var edited = await world.Client.PutAsJsonAsync($"/api/v1/codemarks/{world.CodemarkId}", new { title = "Possible deadlock", text = "we lock twice" }))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        }

        await world.WaitUntilAsync(
            () => world.Teams.Message(rootId)?.AttachmentsJson?.Contains("Possible deadlock", StringComparison.Ordinal) == true, "the card shows the edit");
        using (var deleted = await world.Client.DeleteAsync($"/api/v1/codemarks/{world.CodemarkId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await world.WaitUntilAsync(() => world.Teams.Messages(TeamsWorld.ChannelId).Count == 0, "the card is deleted");
        Assert.True((bool)Assert.Single((await world.CodemarkAsync())["sharedTo"]!.AsArray())!["deleted"]!);
    }

    [Fact]
    public async Task BotRemovedFromTheTeam_DisablesTheInstallation_AndSharingAnswers409()
    {
        await using var world = await TeamsWorld.StartAsync();
        await world.InstallAndLinkAsync();
        var removed = TeamsActivities.BotAdded(world.ServiceUrl, removed: true);

        Assert.Equal("Done", (await world.DeliverAsync(removed.Json, removed.Key)).State);

        var installations = System.Text.Json.Nodes.JsonNode.Parse(await world.Client.GetStringAsync("/api/v1/msteams/installations"))!.AsArray();
        Assert.True((bool)Assert.Single(installations)!["removed"]!);
        using var share = await world.Client.PostAsJsonAsync(
            $"/api/v1/codemarks/{world.CodemarkId}/shares", new { userId = world.AdaId, provider = "msteams", msTeamsTeamId = TeamsWorld.TeamsTeamId, channelId = TeamsWorld.ChannelId });
        Assert.Equal(HttpStatusCode.Conflict, share.StatusCode);
        Assert.Empty(world.Teams.Messages(TeamsWorld.ChannelId));
    }

    [Fact]
    public async Task ActivityWithAMovedServiceUrl_MovesTheTeamsInstallationAndShares()
    {
        await using var world = await TeamsWorld.StartAsync();
        await world.InstallAndLinkAsync();
        await world.ShareAsync();
        const string moved = "https://smba.trafficmanager.net/emea/";
        var reaction = System.Text.Json.Nodes.JsonNode.Parse(
            TeamsActivities.Message(world.ServiceUrl, "1764000000001", TeamsWorld.NewActivityId(), TeamsWorld.SamMember, "Sam Stranger", "x").Json)!;
        reaction["type"] = "messageReaction";
        reaction["serviceUrl"] = moved;
        var key = $"messageReaction:{(string)reaction["conversation"]!["id"]!}:{(string)reaction["id"]!}";

        using (var response = await world.PostActivityAsync(reaction.ToJsonString(), world.Teams.IssueChannelToken(TeamsWorld.AppId, moved)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await SlackScenario.WaitUntilAsync(async () => (await world.InboxRowAsync(key))?.State == "Ignored", TimeSpan.FromSeconds(20), "the activity is processed");
        Assert.Equal(1, await world.CountAsync("msteams_installations", $"service_url = '{moved}'"));
        Assert.Equal(1, await world.CountAsync("msteams_shares", $"service_url = '{moved}'"));
    }

    [Fact]
    public async Task Channels_OfTheLinkedTeam_AreListed()
    {
        await using var world = await TeamsWorld.StartAsync();
        await world.InstallAndLinkAsync();

        var channels = System.Text.Json.Nodes.JsonNode.Parse(await world.Client.GetStringAsync($"/api/v1/teams/{world.TeamId}/msteams/channels"))!.AsArray();

        Assert.Equal(["General", "Code review"], channels.Select(c => (string)c!["name"]!));
        Assert.Equal(TeamsWorld.TeamsTeamId, (string)channels[0]!["id"]!);
    }
}
