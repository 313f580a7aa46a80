using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Slack.Persistence;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Resync.GetSlackResync;

internal sealed class GetSlackResyncHandler(ISlackResyncRepository resyncs) : IRequestHandler<GetSlackResyncQuery, SlackResyncRun>
{
    public async Task<SlackResyncRun> Handle(GetSlackResyncQuery request, CancellationToken cancellationToken) =>
        await resyncs.GetRunAsync(request.Id, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("Resync", request.Id);
}
