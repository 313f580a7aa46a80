using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Application.Slack.Resync;
using CodeStream.Integrations.Application.Slack.Resync.ResyncThreads;
using CodeStream.Integrations.Application.Slack.Resync.StartSlackResync;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using NSubstitute;

namespace CodeStream.Integrations.Application.UnitTests.Slack.Resync;

/// <summary>Starting a resync (what it records and queues), its input rules, and reading a thread's messages as events.</summary>
public sealed class ResyncUnitTests
{
    private readonly ISlackResyncRepository _resyncs = Substitute.For<ISlackResyncRepository>();
    private readonly IWorkQueue _queue = Substitute.For<IWorkQueue>();

    [Fact]
    public async Task Start_RecordsTheRunWithTheActiveThreadsOfTheWindowAndQueuesIt()
    {
        var settings = new SlackResyncSettings { Window = TimeSpan.FromDays(3) };
        SlackResyncThread[] threads = [new(0, "team_01", "T0AAA0001", "C0DDD0004", "1796000000.000100", "1796000100.000200", null)];
        var since = Given.Now.AddMinutes(-10);
        _resyncs.FindActiveThreadsAsync("T0AAA0001", Given.Now.AddDays(-3), since, Arg.Any<CancellationToken>()).Returns(threads);

        var run = await Handler(settings).Handle(new StartSlackResyncCommand("T0AAA0001", since, "api"), CancellationToken.None);

        Assert.Equal((1, "running", "api", since), (run!.ThreadsTotal, run.State, run.Trigger, run.Since));
        await _resyncs.Received(1).CreateRunAsync(run, threads, Arg.Any<CancellationToken>());
        await _queue.Received(1).EnqueueAsync(Arg.Is<NewWorkItem>(w => w.Kind == "slack-resync" && w.DedupeKey == run.Id && w.Payload == run.Id), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Start_WhenARunIsGoingAndTheCallerSkipsThen_RecordsNothing()
    {
        _resyncs.HasUnfinishedRunAsync(null, Arg.Any<CancellationToken>()).Returns(true);

        var run = await Handler(new SlackResyncSettings()).Handle(new StartSlackResyncCommand(null, Given.Now, "startup", SkipWhenRunning: true), CancellationToken.None);

        Assert.Null(run);
        await _resyncs.DidNotReceiveWithAnyArgs().CreateRunAsync(default!, default!, default);
        await _queue.DidNotReceiveWithAnyArgs().EnqueueAsync(default!, default);
    }

    [Theory]
    [InlineData("not a team", null, "slackTeamId")]
    [InlineData(null, 1, "since")]
    public void Validator_RefusesABadWorkspaceOrASinceInTheFuture(string? slackTeamId, int? daysAhead, string property)
    {
        var validator = new StartSlackResyncValidator(Given.Clock());

        var result = validator.Validate(new StartSlackResyncCommand(slackTeamId, daysAhead is { } days ? Given.Now.AddDays(days) : null, "api"));

        Assert.Contains(result.Errors, e => e.PropertyName.Equals(property, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void ThreadMessages_AnEditedReplyWithFiles_ReadsAsTheReplyAndItsMessageChanged()
    {
        const string json = """
            {"type":"message","user":"U0CCC0003","text":"now with a fix","ts":"1796000200.000300","thread_ts":"1796000000.000100",
             "edited":{"user":"U0CCC0003","ts":"1796000300.000400"},"files":[{"name":"fix.patch","mimetype":"text/plain","size":10}]}
            """;

        var (reply, edit) = ThreadMessages.Read(json, "C0DDD0004");

        Assert.Equal(("C0DDD0004", "1796000200.000300", "1796000000.000100", "U0CCC0003", null), (reply.Channel, reply.Ts, reply.ThreadTs, reply.User, reply.Subtype));
        Assert.Equal("fix.patch", Assert.Single(reply.Files).Name);
        Assert.NotNull(edit);
        Assert.Equal(("message_changed", "1796000300.000400", "C0DDD0004"), (edit.Subtype, edit.Ts, edit.Channel));
        Assert.Same(reply, edit.Message);
    }

    [Fact]
    public void ThreadMessages_AnUneditedReply_HasNoEdit() =>
        Assert.Null(ThreadMessages.Read("""{"type":"message","user":"U1","text":"hi","ts":"1.000001","thread_ts":"1.000000"}""", "C1").Edit);

    private StartSlackResyncHandler Handler(SlackResyncSettings settings) => new(_resyncs, _queue, settings, Given.Clock());
}
