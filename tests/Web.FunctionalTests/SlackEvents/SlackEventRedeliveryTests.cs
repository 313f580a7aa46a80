using System.Net;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

/// <summary>
/// Slack delivers at least once (spec §5.1): every redelivery of an event is acknowledged, stored once (the inbox is
/// keyed by <c>event_id</c>) and applied once (one reply per Slack message, enforced by the database).
/// </summary>
public sealed class SlackEventRedeliveryTests
{
    public static TheoryData<DatabaseProvider> Databases => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ThreadReply_DeliveredThreeTimesInARow_IsAcknowledgedEachTimeAndAppliedOnce(bool withRetryHeader)
    {
        await using var thread = await SharedThread.StartAsync();
        var eventId = SlackEvent.NewEventId();
        var json = SlackEvent.ThreadReply(eventId, thread.WriteInThread(), thread.RootTs);

        for (var delivery = 0; delivery < 3; delivery++)
        {
            // With the header even the first delivery is a "retry": one never stored is processed normally.
            using var response = await thread.PostEventAsync(json, withRetryHeader ? delivery + 1 : null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var row = await thread.WaitForEventAsync(eventId);
        await thread.WaitForQuietAsync();
        Assert.Equal("Done", row.State);
        Assert.Single(await thread.RepliesAsync());
        Assert.Equal(1, await thread.InboxRowCountAsync(eventId));
        Assert.Equal(1, await thread.CountAsync("posts"));
        Assert.Equal(1, await thread.CountAsync("slack_message_copies"));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task ThreadReply_DeliveredThreeTimesAtOnce_IsAcknowledgedEachTimeAndAppliedOnce(DatabaseProvider provider)
    {
        await using var thread = await SharedThread.StartAsync(provider);
        var eventId = SlackEvent.NewEventId();
        var json = SlackEvent.ThreadReply(eventId, thread.WriteInThread(), thread.RootTs);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 3).Select(async i =>
        {
            using var response = await thread.PostEventAsync(json, i == 0 ? null : i);
            return response.StatusCode;
        }));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal("Done", (await thread.WaitForEventAsync(eventId)).State);
        await thread.WaitForQuietAsync();
        Assert.Single(await thread.RepliesAsync());
        Assert.Equal(1, await thread.InboxRowCountAsync(eventId));
        Assert.Equal(1, await thread.CountAsync("posts"));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task ThreadReply_SameMessageUnderTwoEventIdsAtOnce_BecomesOneReply(DatabaseProvider provider)
    {
        await using var thread = await SharedThread.StartAsync(provider);
        var ts = thread.WriteInThread();
        var first = SlackEvent.NewEventId();
        var second = SlackEvent.NewEventId();

        var statuses = await Task.WhenAll(new[] { first, second }.Select(async eventId =>
        {
            using var response = await thread.PostEventAsync(SlackEvent.ThreadReply(eventId, ts, thread.RootTs));
            return response.StatusCode;
        }));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        var rows = new[] { await thread.WaitForEventAsync(first), await thread.WaitForEventAsync(second) };
        Assert.Single(rows, r => r.State == "Done");
        var duplicate = Assert.Single(rows, r => r.State == "Ignored");
        Assert.Equal("already-synced", duplicate.Result);
        Assert.Single(await thread.RepliesAsync());
        Assert.Equal(1, await thread.CountAsync("slack_message_copies"));
    }
}
