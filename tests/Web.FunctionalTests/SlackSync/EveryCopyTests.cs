using System.Net;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;
using static CodeStream.Integrations.Web.FunctionalTests.SlackInteractivity.InteractivityDriver;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackSync;

/// <summary>
/// Every Slack copy follows every change, once (issue: "every copy stays in step"): a codemark shared to two channels,
/// its CodeStream replies, its modal replies and the replies written in one of its Slack threads. Through the host,
/// the durable outbox and the fake Slack.
/// </summary>
public sealed class EveryCopyTests
{
    public static TheoryData<DatabaseProvider> Databases => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task CodeStreamReply_InTwoThreads_IsPostedUpdatedAndDeletedInBoth(DatabaseProvider provider)
    {
        await using var world = await TwoChannels.StartAsync(provider);

        var replyId = await world.ReplyInCodeStreamAsync("first take");
        await world.WaitUntilAsync(() => world.ReviewCopies.Count == 1 && world.DesignCopies.Count == 1, "the reply is posted into both threads");

        await world.EditReplyAsync(replyId, "second take");
        await world.WaitUntilAsync(
            () => world.ReviewCopies.Concat(world.DesignCopies).All(m => m.Text!.Contains("second take", StringComparison.Ordinal)),
            "both copies show the edit");
        await world.Thread.WaitForQuietAsync();
        Assert.Single(world.Succeeded("chat.update", SlackScenario.ChannelId));
        Assert.Single(world.Succeeded("chat.update", TwoChannels.DesignChannelId));

        await world.DeleteReplyAsync(replyId);
        await world.WaitUntilAsync(() => world.ReviewCopies.Count == 0 && world.DesignCopies.Count == 0, "both copies are deleted");
        await world.Thread.WaitForQuietAsync();
        Assert.Single(world.Succeeded("chat.delete", SlackScenario.ChannelId));
        Assert.Single(world.Succeeded("chat.delete", TwoChannels.DesignChannelId));
        Assert.Equal(2, world.Slack.CallsTo("chat.postMessage").Count(c => c.Arg("thread_ts") is not null));
    }

    [Fact]
    public async Task Codemark_SharedToTwoChannels_IsUpdatedThenDeletedInBoth()
    {
        await using var world = await TwoChannels.StartAsync();

        Assert.Equal(HttpStatusCode.OK, await world.EditCodemarkAsync("Possible deadlock", "we lock twice"));
        await world.WaitUntilAsync(
            () => world.Succeeded("chat.update", SlackScenario.ChannelId).Count == 1 && world.Succeeded("chat.update", TwoChannels.DesignChannelId).Count == 1,
            "both cards are updated");
        Assert.Equal(world.ReviewRootTs, world.Succeeded("chat.update", SlackScenario.ChannelId)[0].Arg("ts"));
        Assert.Equal(world.DesignRootTs, world.Succeeded("chat.update", TwoChannels.DesignChannelId)[0].Arg("ts"));

        Assert.Equal(HttpStatusCode.NoContent, await world.DeleteCodemarkAsync());
        await world.WaitUntilAsync(
            () => world.Succeeded("chat.delete", SlackScenario.ChannelId).Count == 1 && world.Succeeded("chat.delete", TwoChannels.DesignChannelId).Count == 1,
            "both cards are deleted");
        await world.Thread.WaitForQuietAsync();
        Assert.Single(world.Succeeded("chat.update", SlackScenario.ChannelId));
        Assert.Single(world.Succeeded("chat.delete", TwoChannels.DesignChannelId));
    }

    [Fact]
    public async Task ModalReply_EditedThenDeletedInCodeStream_ItsBotCopiesFollow()
    {
        await using var world = await TwoChannels.StartAsync();
        var scenario = world.Thread.Scenario;
        var modal = await OpenModalAsync(scenario, world.Thread.CodemarkId, world.Thread.TeamId, SlackScenario.AdaSlackId);

        AssertReplySent(await SubmitAsync(scenario, modal, "from the modal", SlackScenario.AdaSlackId), invite: false);
        await world.WaitUntilAsync(() => world.ReviewCopies.Count == 1 && world.DesignCopies.Count == 1, "the modal reply is copied into both threads");
        var replyId = (string)(await world.Thread.RepliesAsync()).Single()!["id"]!;

        await world.EditReplyAsync(replyId, "from the modal, edited");
        await world.WaitUntilAsync(
            () => world.ReviewCopies.Concat(world.DesignCopies).All(m => m.Text!.Contains("edited", StringComparison.Ordinal)),
            "its bot copies show the edit");

        await world.DeleteReplyAsync(replyId);
        await world.WaitUntilAsync(() => world.ReviewCopies.Count == 0 && world.DesignCopies.Count == 0, "its bot copies are deleted");
        await world.Thread.WaitForQuietAsync();
        Assert.Single(world.Succeeded("chat.update", SlackScenario.ChannelId));
        Assert.Single(world.Succeeded("chat.delete", TwoChannels.DesignChannelId));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task SlackReply_EditedThenDeletedInSlack_ItsCopyInTheOtherThreadFollows(DatabaseProvider provider)
    {
        await using var world = await TwoChannels.StartAsync(provider);
        var thread = world.Thread;
        var ts = thread.WriteInThread(SlackScenario.GraceSlackId, "written in review");
        var created = SlackEvent.NewEventId();
        Assert.Equal("Done", (await thread.DeliverAsync(SlackEvent.ThreadReply(created, ts, thread.RootTs, text: "written in review"), created)).State);
        await world.WaitUntilAsync(() => world.DesignCopies.Count == 1, "the Slack reply is copied into #design");
        Assert.Empty(world.ReviewCopies); // its own thread has the original

        var edit = SlackEvent.NewEventId();
        world.Slack.EditMessage(SlackScenario.ChannelId, ts, "written in review, then edited");
        Assert.Equal("Done", (await thread.DeliverAsync(SlackEvent.MessageChanged(edit, ts, thread.RootTs, SlackEvent.TsAfter(ts, 5), "written in review, then edited"), edit)).State);
        await world.WaitUntilAsync(() => world.DesignCopies.Single().Text!.Contains("then edited", StringComparison.Ordinal), "the copy in #design shows the edit");
        Assert.Empty(world.Succeeded("chat.update", SlackScenario.ChannelId)); // Grace's own message is hers

        var delete = SlackEvent.NewEventId();
        world.Slack.DeleteMessage(SlackScenario.ChannelId, ts);
        Assert.Equal("Done", (await thread.DeliverAsync(SlackEvent.MessageDeleted(delete, ts, thread.RootTs, SlackEvent.TsAfter(ts, 9)), delete)).State);
        await world.WaitUntilAsync(() => world.DesignCopies.Count == 0, "the copy in #design is deleted");
        await thread.WaitForQuietAsync();
        Assert.Single(world.Succeeded("chat.update", TwoChannels.DesignChannelId));
        Assert.Single(world.Succeeded("chat.delete", TwoChannels.DesignChannelId));
        Assert.Empty(world.Succeeded("chat.delete", SlackScenario.ChannelId));
        Assert.True((bool)(await thread.RepliesAsync()).Single()!["deleted"]!);
    }
}
