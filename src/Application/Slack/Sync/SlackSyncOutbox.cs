using System.Text.Json;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Core.Changes;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Sync;

/// <summary>
/// What to mirror into Slack, stored with the change itself (same transaction) so it can't be lost. The codemark's id
/// rides along for the logs (items stored before it was added have none).
/// </summary>
public sealed record SlackSyncRequest(string Target, string Id, string Change, string? CodemarkId = null)
{
    public const string Reply = "reply";
    public const string Codemark = "codemark";
}

/// <summary>
/// Records, inside the command's unit of work, that a shared codemark or one of its replies changed (the core's
/// <see cref="ReplyChanged"/> and <see cref="CodemarkChanged"/>); the work queue processor then brings every Slack copy
/// in step. One statement either way: the work is stored only if the codemark has a thread to copy to (for a reply
/// written in a Slack thread, a thread other than that one).
/// </summary>
internal sealed class SlackSyncOutbox(ISlackShareRepository shares) : INotificationHandler<ReplyChanged>, INotificationHandler<CodemarkChanged>
{
    public Task Handle(ReplyChanged notification, CancellationToken cancellationToken) =>
        EnqueueAsync(
            notification.Reply.CodemarkId,
            new SlackSyncRequest(SlackSyncRequest.Reply, notification.Reply.Id.Value, Wire(notification.Change), notification.Reply.CodemarkId.Value),
            notification.At,
            notification.FromThread is { } thread && thread.StartsWith("slack::", StringComparison.Ordinal) ? thread : null,
            cancellationToken);

    public Task Handle(CodemarkChanged notification, CancellationToken cancellationToken) =>
        EnqueueAsync(
            notification.Codemark.Id,
            new SlackSyncRequest(SlackSyncRequest.Codemark, notification.Codemark.Id.Value, Wire(notification.Change)),
            notification.At,
            null,
            cancellationToken);

    // The change as the stored work item names it (and as the sync commands read it back).
    private static string Wire(DiscussionChange change) => change switch
    {
        DiscussionChange.Added => SyncReplyToSlack.SyncReplyToSlackCommand.Added,
        DiscussionChange.Edited => SyncReplyToSlack.SyncReplyToSlackCommand.Edited,
        _ => SyncReplyToSlack.SyncReplyToSlackCommand.Deleted,
    };

    private async Task EnqueueAsync(
        CodemarkId codemarkId, SlackSyncRequest request, DateTimeOffset at, string? exceptShare, CancellationToken cancellationToken)
    {
        var key = $"{request.Target}:{request.Id}:{request.Change}:{at.ToUnixTimeMilliseconds()}";
        var work = new NewWorkItem(SlackWorkKinds.SlackSync, key, JsonSerializer.Serialize(request), WorkLane.UserFacing);
        await shares.EnqueueForOtherThreadsAsync(codemarkId, exceptShare, work, cancellationToken).ConfigureAwait(false); // wakes the processor once committed
    }
}
