using CodeStream.Integrations.Application.Common.WorkQueue;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.RetryFailedInbox;

internal sealed class RetryFailedInboxHandler(IWorkQueue queue, IWorkQueueSignal signal) : IRequestHandler<RetryFailedInboxCommand, int>
{
    public async Task<int> Handle(RetryFailedInboxCommand request, CancellationToken cancellationToken)
    {
        var count = await queue.RetryFailedAsync(request.Kind, request.Id, cancellationToken).ConfigureAwait(false);
        signal.Notify();
        return count;
    }
}
