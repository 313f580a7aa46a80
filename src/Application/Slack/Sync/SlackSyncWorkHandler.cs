using System.Text.Json;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Sync.SyncCodemarkToSlack;
using CodeStream.Integrations.Application.Slack.Sync.SyncReplyToSlack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Sync;

/// <summary>Turns an outbox item into the MediatR request that brings Slack in step.</summary>
internal sealed class SlackSyncWorkHandler(IMediator mediator) : IWorkItemHandler
{
    public string Kind => SlackWorkKinds.SlackSync;

    public async Task<WorkOutcome> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        SlackSyncRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<SlackSyncRequest>(item.Payload);
        }
        catch (JsonException)
        {
            request = null;
        }

        return request switch
        {
            { Target: SlackSyncRequest.Reply } => await mediator.Send(new SyncReplyToSlackCommand(request.Id, request.Change, item.Attempts, request.CodemarkId), cancellationToken).ConfigureAwait(false),
            { Target: SlackSyncRequest.Codemark } => await mediator.Send(new SyncCodemarkToSlackCommand(request.Id, request.Change), cancellationToken).ConfigureAwait(false),
            _ => WorkOutcome.Failed("unreadable sync request"),
        };
    }
}
