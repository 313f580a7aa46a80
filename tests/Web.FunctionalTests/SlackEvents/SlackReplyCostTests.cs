using System.Net;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.Web.FunctionalTests.Operability;
using Xunit.Abstractions;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

/// <summary>
/// What one reply from a Slack thread costs on the hot path, counted (not timed) through the real host: SQL statements
/// sent (the work queue's claims and completions included) and Slack calls. Once the thread, its workspace and its
/// people are known, a reply asks Slack nothing and costs at most five statements (each mention adds its insert).
/// </summary>
public sealed class SlackReplyCostTests(ITestOutputHelper output)
{
    private const int Replies = 50;

    [Fact]
    public async Task ThreadReplies_WhenThreadWorkspaceAndPeopleAreKnown_CostAtMostFiveStatementsAndNoSlackCallEach()
    {
        await using var thread = await SharedThread.StartAsync();
        using var metrics = new MeterRecorder(thread.Scenario.Host.Services);
        const string text = "looks right to me, *ship it*"; // each mention would add one insert (post_mentions)
        var warmUp = SlackEvent.NewEventId();
        Assert.Equal("Done", (await thread.DeliverAsync(SlackEvent.ThreadReply(warmUp, thread.WriteInThread(text: text), thread.RootTs, text: text), warmUp)).State);
        var statementsBefore = metrics.Sum("codestream.db.statements");
        var slackCallsBefore = thread.Slack.Calls.Count;

        var events = Enumerable.Range(0, Replies).Select(_ => (Id: SlackEvent.NewEventId(), Ts: thread.WriteInThread(text: text))).ToList();
        var slackCallsOfTheTest = thread.Slack.Calls.Count - slackCallsBefore; // WriteInThread seeds the fake directly
        // Delivered together, as a busy thread is: the queue claims and records them in groups, as it does under load.
        var answers = await Task.WhenAll(events.Select(e => thread.PostEventAsync(SlackEvent.ThreadReply(e.Id, e.Ts, thread.RootTs, text: text))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Array.ForEach(answers, a => a.Dispose());

        foreach (var (id, _) in events)
        {
            Assert.Equal("Done", (await thread.WaitForEventAsync(id)).State);
        }

        var perReply = (double)(metrics.Sum("codestream.db.statements") - statementsBefore) / Replies;
        output.WriteLine($"{perReply:0.00} statements per reply");
        Assert.Equal(Replies + 1, (await thread.RepliesAsync()).Count);
        Assert.True(perReply <= 5, $"{perReply:0.00} statements per reply");
        Assert.Equal(slackCallsOfTheTest, thread.Slack.Calls.Count - slackCallsBefore);
    }
}
