using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackSync;

/// <summary>Slack edits apply in Slack's order (<c>edited.ts</c>), not in the order they happen to be delivered.</summary>
public sealed class EditOrderTests
{
    [Fact]
    public async Task OlderEdit_DeliveredAfterANewerOne_ChangesNothing()
    {
        await using var thread = await SharedThread.StartAsync();
        var ts = thread.WriteInThread(SlackScenario.GraceSlackId, "v1");
        var created = SlackEvent.NewEventId();
        await thread.DeliverAsync(SlackEvent.ThreadReply(created, ts, thread.RootTs, text: "v1"), created);

        var newer = SlackEvent.NewEventId();
        var newerRow = await thread.DeliverAsync(
            SlackEvent.MessageChanged(newer, ts, thread.RootTs, SlackEvent.TsAfter(ts, 20), "v3", editedTs: SlackEvent.TsAfter(ts, 20)), newer);
        var older = SlackEvent.NewEventId();
        var olderRow = await thread.DeliverAsync(
            SlackEvent.MessageChanged(older, ts, thread.RootTs, SlackEvent.TsAfter(ts, 10), "v2", editedTs: SlackEvent.TsAfter(ts, 10)), older);

        Assert.Equal("Done", newerRow.State);
        Assert.Equal(("Ignored", "older-edit"), (olderRow.State, olderRow.Result));
        var reply = (await thread.RepliesAsync()).Single()!;
        Assert.Equal("v3", (string)reply["text"]!);
        Assert.Equal(
            DateTimeOffset.FromUnixTimeMilliseconds(SlackEvent.ToUnixMilliseconds(SlackEvent.TsAfter(ts, 20))),
            DateTimeOffset.Parse((string)reply["editedAt"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task SameEdit_DeliveredTwiceUnderNewEventIds_IsAppliedOnce()
    {
        await using var thread = await SharedThread.StartAsync();
        var ts = thread.WriteInThread(SlackScenario.GraceSlackId, "v1");
        var created = SlackEvent.NewEventId();
        await thread.DeliverAsync(SlackEvent.ThreadReply(created, ts, thread.RootTs, text: "v1"), created);
        var editedTs = SlackEvent.TsAfter(ts, 5);

        var first = SlackEvent.NewEventId();
        var firstRow = await thread.DeliverAsync(SlackEvent.MessageChanged(first, ts, thread.RootTs, editedTs, "v2", editedTs), first);
        var again = SlackEvent.NewEventId();
        var againRow = await thread.DeliverAsync(SlackEvent.MessageChanged(again, ts, thread.RootTs, editedTs, "v2", editedTs), again);

        Assert.Equal("Done", firstRow.State);
        Assert.Equal("older-edit", againRow.Result);
        Assert.Equal("v2", (string)(await thread.RepliesAsync()).Single()!["text"]!);
    }
}
