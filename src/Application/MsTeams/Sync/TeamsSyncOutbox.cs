using System.Text.Json;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Core.Changes;
using CodeStream.Integrations.Application.MsTeams.Common;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Sync;

/// <summary>What to mirror into Teams, stored with the change itself (same transaction) so it can't be lost.</summary>
public sealed record TeamsSyncRequest(string Target, string Id, string Change, string CodemarkId)
{
    public const string Reply = "reply";
    public const string Codemark = "codemark";
}

/// <summary>
/// Records, inside the change's unit of work, that a codemark shared to Teams or one of its replies changed; the work
/// queue then brings every Teams copy in step. One statement: stored only if the codemark has a live Teams thread;
/// none at all on a host where Teams is off or not configured (nothing could be posted there).
/// </summary>
internal sealed class TeamsSyncOutbox(IMsTeamsShareRepository shares, MsTeamsSettings settings)
    : INotificationHandler<ReplyChanged>, INotificationHandler<CodemarkChanged>
{
    public Task Handle(ReplyChanged notification, CancellationToken cancellationToken) =>
        EnqueueAsync(notification.Reply.CodemarkId, TeamsSyncRequest.Reply, notification.Reply.Id.Value, notification.Change, notification.At, cancellationToken);

    public Task Handle(CodemarkChanged notification, CancellationToken cancellationToken) =>
        EnqueueAsync(notification.Codemark.Id, TeamsSyncRequest.Codemark, notification.Codemark.Id.Value, notification.Change, notification.At, cancellationToken);

    private Task<bool> EnqueueAsync(CodemarkId codemarkId, string target, string id, DiscussionChange change, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (settings.Disabled || !settings.Configured)
        {
            return Task.FromResult(false);
        }

        var wire = change.ToString().ToLowerInvariant();
        var request = new TeamsSyncRequest(target, id, wire, codemarkId.Value);
        var key = $"{target}:{id}:{wire}:{at.ToUnixTimeMilliseconds()}";
        return shares.EnqueueIfSharedAsync(
            codemarkId, new NewWorkItem(MsTeamsWorkKinds.Sync, key, JsonSerializer.Serialize(request), WorkLane.UserFacing), cancellationToken);
    }
}

/// <summary>Turns a Teams outbox item into the request that brings Teams in step.</summary>
internal sealed class TeamsSyncWorkHandler(IMediator mediator) : IWorkItemHandler
{
    public string Kind => MsTeamsWorkKinds.Sync;

    public async Task<WorkOutcome> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        TeamsSyncRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<TeamsSyncRequest>(item.Payload);
        }
        catch (JsonException)
        {
            request = null;
        }

        return request switch
        {
            { Target: TeamsSyncRequest.Reply } => await mediator.Send(
                new SyncReplyToTeams.SyncReplyToTeamsCommand(request.Id, request.Change, request.CodemarkId), cancellationToken).ConfigureAwait(false),
            { Target: TeamsSyncRequest.Codemark } => await mediator.Send(
                new SyncCodemarkToTeams.SyncCodemarkToTeamsCommand(request.Id, request.Change), cancellationToken).ConfigureAwait(false),
            _ => WorkOutcome.Failed("unreadable sync request"),
        };
    }
}
