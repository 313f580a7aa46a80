using CodeStream.Integrations.Application.Slack.Persistence;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Resync.GetSlackResync;

internal sealed class GetSlackResyncHandler(ISlackResyncRepository resyncs) : IRequestHandler<GetSlackResyncQuery, SlackResyncRun?>
{
    public Task<SlackResyncRun?> Handle(GetSlackResyncQuery request, CancellationToken cancellationToken) =>
        resyncs.GetRunAsync(request.Id, cancellationToken);
}
