using System.Text.Json.Nodes;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackSync;

/// <summary>
/// Reactions from Slack (<c>reaction_added</c> / <c>reaction_removed</c>) become CodeStream reactions on the codemark
/// (its card) or the reply (its message), by the same identity rules as replies; Slack's event time orders them.
/// </summary>
public sealed class ReactionTests
{
    private const string StrangerSlackId = "U0EEE0005";

    public static TheoryData<DatabaseProvider> Databases => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task Reactions_ByAKnownAndAnUnknownSlackUser_AppearAndDisappearOnTheRightPost(DatabaseProvider provider)
    {
        await using var thread = await SharedThread.StartAsync(provider);
        thread.Slack.AddUser(SlackScenario.SlackTeamId, StrangerSlackId, "sam", "Sam Stranger", "sam@elsewhere.example");
        var replyTs = thread.WriteInThread(SlackScenario.GraceSlackId, "a reply to react to");
        var created = SlackEvent.NewEventId();
        await thread.DeliverAsync(SlackEvent.ThreadReply(created, replyTs, thread.RootTs, text: "a reply to react to"), created);

        // Ada (linked) 👍 the card; the stranger 🎉 the reply.
        Assert.Equal("Done", (await ReactAsync(thread, "reaction_added", SlackScenario.AdaSlackId, "thumbsup", thread.RootTs, 10)).State);
        Assert.Equal("Done", (await ReactAsync(thread, "reaction_added", StrangerSlackId, "tada", replyTs, 11)).State);

        var codemark = await thread.CodemarkAsync();
        Assert.Equal([thread.AdaId], Users(codemark["reactions"]!, "thumbsup"));
        var reply = codemark["replies"]!.AsArray().Single()!;
        var stranger = (await thread.UsersAsync()).Single(u => (string?)u!["email"] == "sam@elsewhere.example")!;
        Assert.Equal([(string)stranger["id"]!], Users(reply["reactions"]!, "tada"));
        Assert.Null(codemark["reactions"]!["tada"]);
        Assert.Null(reply["reactions"]!["thumbsup"]);

        Assert.Equal("Done", (await ReactAsync(thread, "reaction_removed", SlackScenario.AdaSlackId, "thumbsup", thread.RootTs, 20)).State);
        Assert.Equal("Done", (await ReactAsync(thread, "reaction_removed", StrangerSlackId, "tada", replyTs, 21)).State);

        codemark = await thread.CodemarkAsync();
        Assert.Empty(codemark["reactions"]!.AsObject());
        Assert.Empty(codemark["replies"]![0]!["reactions"]!.AsObject());
    }

    [Fact]
    public async Task Reaction_RedeliveredOrOlderThanItsRemoval_ChangesNothing()
    {
        await using var thread = await SharedThread.StartAsync();

        await ReactAsync(thread, "reaction_removed", SlackScenario.AdaSlackId, "eyes", thread.RootTs, 30);
        var lateAdd = await ReactAsync(thread, "reaction_added", SlackScenario.AdaSlackId, "eyes", thread.RootTs, 25);
        Assert.Equal(("Ignored", "reaction-not-newer"), (lateAdd.State, lateAdd.Result));
        Assert.Empty((await thread.CodemarkAsync())["reactions"]!.AsObject());

        await ReactAsync(thread, "reaction_added", SlackScenario.AdaSlackId, "eyes", thread.RootTs, 40);
        var again = await ReactAsync(thread, "reaction_added", SlackScenario.AdaSlackId, "eyes", thread.RootTs, 40);
        Assert.Equal("reaction-not-newer", again.Result);
        Assert.Equal([thread.AdaId], Users((await thread.CodemarkAsync())["reactions"]!, "eyes"));
        Assert.Equal(1, await thread.CountAsync("post_reactions"));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task FauxUserWithReactions_ConnectingSlack_IsMergedAndKeepsTheirReactions(DatabaseProvider provider)
    {
        await using var thread = await SharedThread.StartAsync(provider);
        await ReactAsync(thread, "reaction_added", SlackScenario.GraceSlackId, "thumbsup", thread.RootTs, 10);
        var faux = (await thread.UsersAsync()).Single(u => (string?)u!["externalUserId"] is not null)!;
        Assert.Equal([(string)faux["id"]!], Users((await thread.CodemarkAsync())["reactions"]!, "thumbsup"));

        // Grace joins CodeStream and connects Slack: her faux user (and its reaction) become hers.
        var grace = await thread.Scenario.PostJsonAsync(
            $"/api/v1/teams/{thread.TeamId}/users", new { email = "grace.hopper@example.com", username = "grace", fullName = "Grace Hopper" });
        using (var connected = await thread.Scenario.ConnectSlackAsync((string)grace["id"]!, thread.TeamId, SlackScenario.GraceSlackId))
        {
            Assert.True(connected.IsSuccessStatusCode, await connected.Content.ReadAsStringAsync());
        }

        Assert.Equal([(string)grace["id"]!], Users((await thread.CodemarkAsync())["reactions"]!, "thumbsup"));
        Assert.DoesNotContain(await thread.UsersAsync(), u => (string?)u!["id"] == (string)faux["id"]!);
    }

    [Fact]
    public async Task Reaction_OnAMessageThatIsNoShareOrReply_IsIgnored()
    {
        await using var thread = await SharedThread.StartAsync();
        var elsewhere = thread.Slack.AddMessage(SlackScenario.ChannelId, SlackScenario.GraceSlackId, "unrelated");

        var row = await ReactAsync(thread, "reaction_added", SlackScenario.GraceSlackId, "thumbsup", elsewhere, 5);

        Assert.Equal(("Ignored", "not-a-synced-message"), (row.State, row.Result));
        Assert.Equal(0, await thread.CountAsync("post_reactions"));
    }

    private static Task<InboxRow> ReactAsync(SharedThread thread, string type, string user, string emoji, string itemTs, int secondsLater)
    {
        var eventId = SlackEvent.NewEventId();
        var json = SlackEvent.Reaction(eventId, type, user, emoji, SlackScenario.ChannelId, itemTs, SlackEvent.TsAfter(thread.RootTs, secondsLater));
        return thread.DeliverAsync(json, eventId);
    }

    private static string[] Users(JsonNode reactions, string emoji) => [.. reactions[emoji]!.AsArray().Select(u => (string)u!)];
}
