using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Scenarios;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

/// <summary>
/// Each Events API sample of the fixtures, delivered to the real host for a codemark shared to <c>#code-review</c>
/// (spec §5): what it does to CodeStream, and what the inbox records about it.
/// </summary>
public sealed class SlackEventSampleTests
{
    public static TheoryData<DatabaseProvider> Databases => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Fact]
    public async Task UrlVerification_WhenSigned_AnswersTheChallengeAndStoresNothing()
    {
        await using var thread = await SharedThread.StartAsync();

        using var response = await thread.PostEventAsync(SlackEventSamples.UrlVerification);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", (string)body["challenge"]!);
        Assert.Equal(0, await thread.CountAsync("work_items", "kind = 'slack-event'"));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task ThreadReply_WhenThreadIsAShare_BecomesOneCodeStreamReplyFromSlack(DatabaseProvider provider)
    {
        await using var thread = await SharedThread.StartAsync(provider);
        var ts = thread.WriteInThread(text: "Good catch <@U0BBB0002>, I think we should use `ConfigureAwait(false)` here &amp; add a test");
        var eventId = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.ThreadReply(eventId, ts, thread.RootTs), eventId);

        Assert.Equal("Done", row.State);
        var reply = Assert.Single(await thread.RepliesAsync())!;
        Assert.Equal(SlackEvent.ThreadReplyMarkdown, (string)reply["text"]!);
        Assert.Equal("Slack", (string)reply["origin"]!);
        Assert.Equal(SlackEvent.ToUnixMilliseconds(ts), DateTimeOffset.Parse((string)reply["createdAt"]!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());
        Assert.Null(reply["editedAt"]);
        Assert.False((bool)reply["deleted"]!);
        Assert.Equal([thread.AdaId], reply["mentionedUserIds"]!.AsArray().Select(id => (string)id!));
        Assert.Empty(reply["files"]!.AsArray());

        var sharedTo = Assert.Single(reply["sharedTo"]!.AsArray())!;
        Assert.Equal("slack*com", (string)sharedTo["providerId"]!);
        Assert.Equal(SlackScenario.SlackTeamId, (string)sharedTo["teamId"]!);
        Assert.Equal(SlackScenario.ChannelId, (string)sharedTo["channelId"]!);
        Assert.Equal(ts, (string)sharedTo["postId"]!);
        // Built from the workspace URL auth.test gave at install, in Slack's own format: no chat.getPermalink per reply.
        Assert.Equal(
            $"https://example-workspace.slack.com/archives/{SlackScenario.ChannelId}/p{ts.Replace(".", "", StringComparison.Ordinal)}?thread_ts={thread.RootTs}&cid={SlackScenario.ChannelId}",
            (string)sharedTo["url"]!);
        Assert.Null(thread.PermalinkAnsweredFor(ts));

        // Grace has no CodeStream account: a faux user of the team stands in for her (§8).
        var grace = Assert.Single(await thread.UsersAsync(), u => (string?)u!["externalUserId"] == $"slack::{thread.TeamId}::{SlackScenario.SlackTeamId}::{SlackScenario.GraceSlackId}")!;
        Assert.Equal((string)grace["id"]!, (string)reply["creatorId"]!);

        var item = await thread.InboxItemAsync("done", eventId);
        Assert.NotNull(item);
        Assert.Equal((string)reply["id"]!, (string?)item["reason"]);
        Assert.Equal(1, await thread.CountAsync("posts"));
        Assert.Equal(1, await thread.CountAsync("slack_message_copies"));

        // The reply came from this thread: nothing is posted back into it.
        await thread.WaitForQuietAsync();
        Assert.Equal(2, thread.Slack.Thread(SlackScenario.ChannelId, thread.RootTs).Count);
        Assert.Single(thread.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task FileShare_InTheThread_BecomesAReplyWithAFileReference()
    {
        await using var thread = await SharedThread.StartAsync();
        var ts = thread.WriteInThread(text: "screenshot of the failing test");
        var eventId = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.FileShare(eventId, ts, thread.RootTs), eventId);

        Assert.Equal("Done", row.State);
        var reply = Assert.Single(await thread.RepliesAsync())!;
        Assert.Equal("screenshot of the failing test", (string)reply["text"]!);
        Assert.Equal("Slack", (string)reply["origin"]!);
        var file = Assert.Single(reply["files"]!.AsArray())!;
        Assert.Equal("failing-test.png", (string)file["name"]!);
        Assert.Equal("image/png", (string)file["mimetype"]!);
        Assert.Equal(48213, (long)file["size"]!);
        Assert.Equal("https://example-workspace.slack.com/files/U0CCC0003/F0FFF0006/failing-test.png", (string)file["url"]!);
        Assert.Equal(ts, (string)Assert.Single(reply["sharedTo"]!.AsArray())!["postId"]!);
    }

    [Fact]
    public async Task MessageChanged_WhenTheTextChanged_UpdatesTheReplyAndMarksItEdited()
    {
        await using var thread = await SharedThread.StartAsync();
        var ts = thread.WriteInThread();
        var created = SlackEvent.NewEventId();
        await thread.DeliverAsync(SlackEvent.ThreadReply(created, ts, thread.RootTs), created);
        var edited = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.MessageChanged(edited, ts, thread.RootTs, eventTs: thread.WriteInThread()), edited);

        Assert.Equal("Done", row.State);
        var reply = Assert.Single(await thread.RepliesAsync())!;
        Assert.Equal(SlackEvent.EditedMarkdown, (string)reply["text"]!);
        Assert.NotNull(reply["editedAt"]);
        Assert.Equal([thread.AdaId], reply["mentionedUserIds"]!.AsArray().Select(id => (string)id!));
        Assert.Equal(SlackEvent.ToUnixMilliseconds(ts), DateTimeOffset.Parse((string)reply["createdAt"]!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());
        Assert.NotNull(await thread.InboxItemAsync("done", edited));
    }

    [Fact]
    public async Task MessageChanged_WhenOnlyMetadataChanged_IsIgnoredAndTheReplyIsNotEdited()
    {
        await using var thread = await SharedThread.StartAsync();
        var ts = thread.WriteInThread();
        var created = SlackEvent.NewEventId();
        await thread.DeliverAsync(SlackEvent.ThreadReply(created, ts, thread.RootTs), created);
        var sameText = (string)JsonNode.Parse(SlackEventSamples.ThreadReply)!["event"]!["text"]!;
        var changed = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.MessageChanged(changed, ts, thread.RootTs, eventTs: thread.WriteInThread(), newText: sameText), changed);

        Assert.Equal("Ignored", row.State);
        Assert.Equal("text-unchanged", row.Result);
        var reply = Assert.Single(await thread.RepliesAsync())!;
        Assert.Equal(SlackEvent.ThreadReplyMarkdown, (string)reply["text"]!);
        Assert.Null(reply["editedAt"]);
    }

    [Fact]
    public async Task MessageDeleted_WhenItWasASyncedReply_DeletesTheReply()
    {
        await using var thread = await SharedThread.StartAsync();
        var ts = thread.WriteInThread();
        var created = SlackEvent.NewEventId();
        await thread.DeliverAsync(SlackEvent.ThreadReply(created, ts, thread.RootTs), created);
        var deleted = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.MessageDeleted(deleted, ts, thread.RootTs, eventTs: thread.WriteInThread()), deleted);

        Assert.Equal("Done", row.State);
        var reply = Assert.Single(await thread.RepliesAsync())!;
        Assert.True((bool)reply["deleted"]!);
        Assert.Equal(string.Empty, (string)reply["text"]!);
        var codemark = await thread.CodemarkAsync();
        Assert.False((bool)codemark["deleted"]!);
    }

    [Fact]
    public async Task MessageDeleted_WhenItIsTheThreadRoot_MarksTheShareDeletedAndKeepsTheCodemark()
    {
        await using var thread = await SharedThread.StartAsync();
        var deleted = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.MessageDeleted(deleted, thread.RootTs, thread.RootTs, eventTs: thread.WriteInThread()), deleted);

        Assert.Equal("Done", row.State);
        var codemark = await thread.CodemarkAsync();
        Assert.False((bool)codemark["deleted"]!);
        var share = Assert.Single(codemark["sharedTo"]!.AsArray())!;
        Assert.Equal(thread.RootTs, (string)share["postId"]!);
        Assert.True((bool)share["deleted"]!);

        // The thread no longer syncs: a later reply in it is dropped.
        var late = SlackEvent.NewEventId();
        var lateRow = await thread.DeliverAsync(SlackEvent.ThreadReply(late, thread.WriteInThread(), thread.RootTs), late);
        Assert.Equal("Ignored", lateRow.State);
        Assert.Equal("thread-not-shared", lateRow.Result);
        Assert.Empty(await thread.RepliesAsync());
    }

    [Fact]
    public async Task OwnBotReply_WhenItCarriesOurAppsIds_IsIgnoredAndCreatesNoReply()
    {
        await using var thread = await SharedThread.StartAsync();
        var ts = thread.WriteInThread(SlackScenario.BotUserId, "Agreed, fixing it now");
        var eventId = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.OwnBotReply(eventId, ts, thread.RootTs), eventId);

        Assert.Equal("Ignored", row.State);
        Assert.Equal("own-message", row.Result);
        Assert.Empty(await thread.RepliesAsync());
        var item = await thread.InboxItemAsync("ignored", eventId);
        Assert.NotNull(item);
        Assert.Equal("own-message", (string?)item["reason"]);
        Assert.Equal("ignored", (string?)item["state"]);
    }

    [Fact]
    public async Task TopLevelMessage_InTheChannel_IsIgnoredWithAReasonAndCallsNoSlackMethod()
    {
        await using var thread = await SharedThread.StartAsync();
        var ts = thread.Slack.AddMessage(SlackScenario.ChannelId, SlackScenario.GraceSlackId, "anyone seen the build break on main?");
        var callsBefore = thread.Slack.Calls.Count;
        var eventId = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.TopLevelMessage(eventId, ts), eventId);

        Assert.Equal("Ignored", row.State);
        Assert.Equal("not-a-thread-reply", row.Result);
        await thread.WaitForQuietAsync();
        Assert.Equal(callsBefore, thread.Slack.Calls.Count);
        Assert.Empty(await thread.RepliesAsync());

        var inbox = await thread.InboxAsync("ignored");
        Assert.Equal("ignored", (string)inbox["state"]!);
        Assert.Equal(1, (long)inbox["counts"]!["ignored"]!);
        var item = Assert.Single(inbox["items"]!.AsArray())!;
        Assert.Equal(eventId, (string)item["eventId"]!);
        Assert.Equal("not-a-thread-reply", (string)item["reason"]!);
    }

    [Fact]
    public async Task TokensRevoked_ForAdaAndTheBot_RemovesBothTokensAndTheThreadStopsSyncing()
    {
        await using var thread = await SharedThread.StartAsync();
        Assert.Equal(1, await thread.CountAsync("slack_user_installations"));
        Assert.Equal(1, await thread.CountAsync("slack_bot_installations"));
        var eventId = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.TokensRevoked(eventId), eventId);

        Assert.Equal("Done", row.State);
        Assert.Equal(0, await thread.CountAsync("slack_user_installations", $"slack_user_id = '{SlackScenario.AdaSlackId}'"));
        Assert.Equal(0, await thread.CountAsync("slack_bot_installations"));
        Assert.NotNull(await thread.InboxItemAsync("done", eventId));

        var reply = SlackEvent.NewEventId();
        var replyRow = await thread.DeliverAsync(SlackEvent.ThreadReply(reply, thread.WriteInThread(), thread.RootTs), reply);
        Assert.Equal("Ignored", replyRow.State);
        Assert.Equal("no-bot-token", replyRow.Result);
        Assert.Empty(await thread.RepliesAsync());
    }

    [Fact]
    public async Task TokensRevoked_WhenOnlyAUserTokenIsNamed_KeepsTheBotToken()
    {
        await using var thread = await SharedThread.StartAsync();
        var eventId = SlackEvent.NewEventId();
        var json = JsonNode.Parse(SlackEvent.TokensRevoked(eventId))!;
        json["event"]!["tokens"] = new JsonObject { ["oauth"] = new JsonArray(SlackScenario.AdaSlackId) };

        var row = await thread.DeliverAsync(json.ToJsonString(), eventId);

        Assert.Equal("Done", row.State);
        Assert.Equal(0, await thread.CountAsync("slack_user_installations"));
        Assert.Equal(1, await thread.CountAsync("slack_bot_installations"));
    }

    [Fact]
    public async Task Share_AfterTokensRevoked_AsksToReconnectSlack()
    {
        await using var thread = await SharedThread.StartAsync();
        var eventId = SlackEvent.NewEventId();
        await thread.DeliverAsync(SlackEvent.TokensRevoked(eventId), eventId);
        var codemark = await thread.Scenario.PostJsonAsync(
            $"/api/v1/teams/{thread.TeamId}/codemarks", new { creatorId = thread.AdaId, type = "comment", text = "again", markers = Array.Empty<object>() });

        using var response = await thread.Client.PostAsJsonAsync(
            $"/api/v1/codemarks/{(string)codemark["id"]!}/shares", new { userId = thread.AdaId, slackTeamId = SlackScenario.SlackTeamId, channelId = SlackScenario.ChannelId });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("reconnect Slack", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppUninstalled_RemovesEveryTokenOfTheWorkspace()
    {
        await using var thread = await SharedThread.StartAsync();
        var grace = await thread.Scenario.PostJsonAsync(
            $"/api/v1/teams/{thread.TeamId}/users", new { email = "grace.hopper@example.com", username = "grace", fullName = "Grace Hopper" });
        using (var connected = await thread.Scenario.ConnectSlackAsync((string)grace["id"]!, thread.TeamId, SlackScenario.GraceSlackId))
        {
            Assert.True(connected.IsSuccessStatusCode, $"Grace's connect → {(int)connected.StatusCode}");
        }

        Assert.Equal(2, await thread.CountAsync("slack_user_installations"));
        Assert.Equal(1, await thread.CountAsync("slack_bot_installations"));
        var eventId = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.AppUninstalled(eventId), eventId);

        Assert.Equal("Done", row.State);
        Assert.Equal(0, await thread.CountAsync("slack_user_installations"));
        Assert.Equal(0, await thread.CountAsync("slack_bot_installations"));

        using var share = await thread.Client.PostAsJsonAsync(
            $"/api/v1/codemarks/{thread.CodemarkId}/shares",
            new { userId = thread.AdaId, slackTeamId = SlackScenario.SlackTeamId, channelId = "C0NEW0005" });
        Assert.Equal(HttpStatusCode.Conflict, share.StatusCode);
    }
}
