using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Application.Slack.Resync.StartSlackResync;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Resync.ResyncGap;

/// <summary>
/// One start at a time across hosts: the lock is held until the start has committed, so hosts that notice the same
/// gap together (they started together, or reconnected together) start one run between them.
/// </summary>
internal sealed class ResyncGapHandler(IExclusiveLock locks, IMediator mediator) : IRequestHandler<ResyncGapCommand, SlackResyncRun?>
{
    public async Task<SlackResyncRun?> Handle(ResyncGapCommand request, CancellationToken cancellationToken)
    {
        await using (await locks.AcquireAsync("slack-resync-start", cancellationToken).ConfigureAwait(false))
        {
            return await mediator.Send(new StartSlackResyncCommand(null, request.Since, request.Trigger, SkipWhenRunning: true), cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
