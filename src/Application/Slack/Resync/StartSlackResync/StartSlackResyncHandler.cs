using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Slack.Persistence;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Resync.StartSlackResync;

/// <summary>Records the run and its threads, and queues it, in one transaction.</summary>
internal sealed class StartSlackResyncHandler(ISlackResyncRepository resyncs, IWorkQueue queue, SlackResyncSettings settings, TimeProvider clock)
    : IRequestHandler<StartSlackResyncCommand, SlackResyncRun?>
{
    public async Task<SlackResyncRun?> Handle(StartSlackResyncCommand request, CancellationToken cancellationToken)
    {
        if (request.SkipWhenRunning && await resyncs.HasUnfinishedRunAsync(request.SlackTeamId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var activeSince = now - settings.Window;
        var threads = await resyncs.FindActiveThreadsAsync(request.SlackTeamId, activeSince, request.Since, cancellationToken).ConfigureAwait(false);
        var run = new SlackResyncRun(
            Guid.CreateVersion7().ToString("N"), request.Trigger, request.SlackTeamId, request.Since, SlackResyncRun.Running,
            threads.Count, 0, 0, 0, 0, now, null);
        await resyncs.CreateRunAsync(run, threads, cancellationToken).ConfigureAwait(false);
        await queue.EnqueueAsync(new NewWorkItem(SlackResyncWorkKinds.Run, run.Id, run.Id), cancellationToken).ConfigureAwait(false);
        return run;
    }
}
