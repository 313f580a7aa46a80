using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Scenarios;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

/// <summary>Thread messages beyond the fixture samples (spec §5.2, §5.3, §8): other subtypes, ordering, text and loop prevention.</summary>
public sealed class SlackThreadSyncTests
{
    [Fact]
    public async Task ThreadReply_WithAJavascriptLink_KeepsItsTextButNoLink()
    {
        await using var thread = await SharedThread.StartAsync();
        const string slackText = "<javascript:alert(1)|x> and <data:text/html,hi|y> but <https://example.com/ok|ok>";
        var ts = thread.WriteInThread(SlackScenario.AdaSlackId, slackText);
        var eventId = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.ThreadReply(eventId, ts, thread.RootTs, user: SlackScenario.AdaSlackId, text: slackText), eventId);

        Assert.Equal("Done", row.State);
        var text = (string)Assert.Single(await thread.RepliesAsync())!["text"]!;
        Assert.Equal("x and y but [ok](https://example.com/ok)", text);
        Assert.DoesNotContain("javascript:", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ThreadReply_FromAdaWhoConnectedSlack_IsHersWithSlackMarkupConverted()
    {
        await using var thread = await SharedThread.StartAsync();
        const string slackText = "<@U0CCC0003> can you look? <https://example.com/log|the log> in <#C0DDD0004|code-review> *now* &lt;3 <!here>";
        var ts = thread.WriteInThread(SlackScenario.AdaSlackId, slackText);
        var eventId = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.ThreadReply(eventId, ts, thread.RootTs, user: SlackScenario.AdaSlackId, text: slackText), eventId);

        Assert.Equal("Done", row.State);
        var reply = Assert.Single(await thread.RepliesAsync())!;
        Assert.Equal(thread.AdaId, (string)reply["creatorId"]!);
        Assert.Equal("@grace can you look? [the log](https://example.com/log) in #code-review **now** <3 @here", (string)reply["text"]!);
        Assert.Empty(reply["mentionedUserIds"]!.AsArray()); // Grace has no CodeStream account to mention
        Assert.DoesNotContain(await thread.UsersAsync(), u => u!["externalUserId"] is not null);
    }

    [Fact]
    public async Task ThreadBroadcast_InTheThread_BecomesAReply()
    {
        await using var thread = await SharedThread.StartAsync();
        var ts = thread.WriteInThread(text: "also sent to the channel");
        var eventId = SlackEvent.NewEventId();
        var json = JsonNode.Parse(SlackEvent.ThreadReply(eventId, ts, thread.RootTs, text: "also sent to the channel"))!;
        json["event"]!["subtype"] = "thread_broadcast";

        var row = await thread.DeliverAsync(json.ToJsonString(), eventId);

        Assert.Equal("Done", row.State);
        Assert.Equal("also sent to the channel", (string)Assert.Single(await thread.RepliesAsync())!["text"]!);
    }

    [Fact]
    public async Task FileShare_WithoutAnyText_BecomesAReplyWithOnlyTheFile()
    {
        await using var thread = await SharedThread.StartAsync();
        var ts = thread.WriteInThread(text: string.Empty);
        var eventId = SlackEvent.NewEventId();
        var json = JsonNode.Parse(SlackEvent.FileShare(eventId, ts, thread.RootTs))!;
        json["event"]!["text"] = string.Empty;

        var row = await thread.DeliverAsync(json.ToJsonString(), eventId);

        Assert.Equal("Done", row.State);
        var reply = Assert.Single(await thread.RepliesAsync())!;
        Assert.Equal(string.Empty, (string)reply["text"]!);
        Assert.Equal("failing-test.png", (string)Assert.Single(reply["files"]!.AsArray())!["name"]!);
    }

    [Fact]
    public async Task ThreadReply_WhenEmpty_IsIgnoredWithAReason()
    {
        await using var thread = await SharedThread.StartAsync();
        var eventId = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.ThreadReply(eventId, thread.WriteInThread(text: " "), thread.RootTs, text: " "), eventId);

        Assert.Equal("Ignored", row.State);
        Assert.Equal("empty-message", row.Result);
        Assert.Empty(await thread.RepliesAsync());
    }

    [Fact]
    public async Task MessageChanged_WhenItOvertakesTheReplysCreation_IsAppliedOnceTheReplyExists()
    {
        await using var thread = await SharedThread.StartAsync();
        var ts = thread.WriteInThread();
        var edited = SlackEvent.NewEventId();
        var created = SlackEvent.NewEventId();

        using (var edit = await thread.PostEventAsync(SlackEvent.MessageChanged(edited, ts, thread.RootTs, eventTs: thread.WriteInThread())))
        {
            Assert.True(edit.IsSuccessStatusCode);
        }

        await SlackScenario.WaitUntilAsync(
            async () => await SharedThread.InboxRowAsync(thread.Database, edited) is { Attempts: >= 1, State: "Pending" },
            because: "the edit waits for its reply");
        var createdRow = await thread.DeliverAsync(SlackEvent.ThreadReply(created, ts, thread.RootTs), created);
        var editedRow = await thread.WaitForEventAsync(edited);

        Assert.Equal("Done", createdRow.State);
        Assert.Equal("Done", editedRow.State);
        var reply = Assert.Single(await thread.RepliesAsync())!;
        Assert.Equal(SlackEvent.EditedMarkdown, (string)reply["text"]!);
        Assert.NotNull(reply["editedAt"]);
    }

    [Fact]
    public async Task MessageDeleted_WhenDeliveredAgainUnderAnotherEventId_IsIgnoredAsAlreadyDeleted()
    {
        await using var thread = await SharedThread.StartAsync();
        var ts = thread.WriteInThread();
        var created = SlackEvent.NewEventId();
        await thread.DeliverAsync(SlackEvent.ThreadReply(created, ts, thread.RootTs), created);
        var eventTs = thread.WriteInThread();
        var first = SlackEvent.NewEventId();
        var second = SlackEvent.NewEventId();

        var firstRow = await thread.DeliverAsync(SlackEvent.MessageDeleted(first, ts, thread.RootTs, eventTs), first);
        var secondRow = await thread.DeliverAsync(SlackEvent.MessageDeleted(second, ts, thread.RootTs, eventTs), second);

        Assert.Equal("Done", firstRow.State);
        Assert.Equal("Ignored", secondRow.State);
        Assert.Equal("already-deleted", secondRow.Result);
        Assert.True((bool)Assert.Single(await thread.RepliesAsync())!["deleted"]!);
    }

    [Fact]
    public async Task ThreadReply_WhenItIsOurOwnCopyOfACodeStreamReply_IsNotSyncedBack()
    {
        await using var thread = await SharedThread.StartAsync();
        await thread.Scenario.PostJsonAsync($"/api/v1/codemarks/{thread.CodemarkId}/replies", new { creatorId = thread.AdaId, text = "Fixed in #42" });
        await SlackScenario.WaitUntilAsync(
            () => thread.Slack.Thread(SlackScenario.ChannelId, thread.RootTs).Any(m => m.Ts != thread.RootTs), because: "the copy reaches the thread");
        await thread.WaitForQuietAsync();
        var copy = thread.Slack.Thread(SlackScenario.ChannelId, thread.RootTs).Single(m => m.Ts != thread.RootTs);
        var eventId = SlackEvent.NewEventId();

        // As Slack reports a message the bot posted: the bot user, no app or bot id at all.
        var row = await thread.DeliverAsync(
            SlackEvent.ThreadReply(eventId, copy.Ts, thread.RootTs, user: SlackScenario.BotUserId, text: "Fixed in #42"), eventId);

        Assert.Equal("Ignored", row.State);
        var reply = Assert.Single(await thread.RepliesAsync())!;
        Assert.Equal("CodeStream", (string)reply["origin"]!);
    }

    [Fact]
    public async Task ThreadReply_WhenOnlyTheBotIdIsOurs_IsIgnoredAsOwnMessage()
    {
        await using var thread = await SharedThread.StartAsync();
        var ts = thread.WriteInThread(SlackScenario.BotUserId, "posted by our bot");
        var eventId = SlackEvent.NewEventId();
        var json = JsonNode.Parse(SlackEvent.ThreadReply(eventId, ts, thread.RootTs, user: SlackScenario.BotUserId, text: "posted by our bot"))!;
        json["event"]!["bot_id"] = SlackScenario.BotId;

        var row = await thread.DeliverAsync(json.ToJsonString(), eventId);

        Assert.Equal("Ignored", row.State);
        Assert.Empty(await thread.RepliesAsync());
    }
}
