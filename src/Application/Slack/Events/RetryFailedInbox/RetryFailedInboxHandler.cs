using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Slack.Common;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.RetryFailedInbox;

internal sealed class RetryFailedInboxHandler(IWorkQueue queue, IWorkQueueSignal signal) : IRequestHandler<RetryFailedInboxCommand, int>
{
    public async Task<int> Handle(RetryFailedInboxCommand request, CancellationToken cancellationToken)
    {
        var count = await queue.RetryFailedAsync(SlackWorkKinds.SlackEvent, cancellationToken).ConfigureAwait(false);
        signal.Notify();
        return count;
    }
}
