using System.Text.Json;
using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Domain.Codemarks;
using CodeStream.Integrations.Domain.Posts;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Application.Slack.Sharing;

/// <summary>What to mirror into Slack, stored with the change itself (same transaction) so it can't be lost.</summary>
public sealed record SlackSyncRequest(string Target, string Id, string Change)
{
    public const string Reply = "reply";
    public const string Codemark = "codemark";
}

/// <summary>Records that a shared codemark or one of its replies changed, for the Slack copies to follow.</summary>
public interface ISlackSyncOutbox
{
    Task ReplyChangedAsync(Post reply, string change, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>A reply that came from one Slack thread: only the codemark's other threads need a copy.</summary>
    Task ReplyFromSlackAsync(Post reply, CodemarkShare sourceThread, CancellationToken cancellationToken);

    Task CodemarkChangedAsync(Codemark codemark, string change, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>
/// Records, inside the command's unit of work, that a shared codemark or one of its replies changed; the work queue
/// processor then brings every Slack copy in step (spec §7.3.5, §7.4). Unshared codemarks cost one indexed read.
/// </summary>
internal sealed class SlackSyncOutbox(ISlackShareRepository shares, IWorkQueue queue, IWorkQueueSignal signal) : ISlackSyncOutbox
{
    public Task ReplyChangedAsync(Post reply, string change, DateTimeOffset at, CancellationToken cancellationToken) =>
        EnqueueAsync(reply.CodemarkId, new SlackSyncRequest(SlackSyncRequest.Reply, reply.Id.Value, change), at, null, cancellationToken);

    public Task ReplyFromSlackAsync(Post reply, CodemarkShare sourceThread, CancellationToken cancellationToken) =>
        EnqueueAsync(
            reply.CodemarkId,
            new SlackSyncRequest(SlackSyncRequest.Reply, reply.Id.Value, "added"),
            reply.CreatedAt,
            sourceThread.Identifier,
            cancellationToken);

    public Task CodemarkChangedAsync(Codemark codemark, string change, DateTimeOffset at, CancellationToken cancellationToken) =>
        EnqueueAsync(codemark.Id, new SlackSyncRequest(SlackSyncRequest.Codemark, codemark.Id.Value, change), at, null, cancellationToken);

    private async Task EnqueueAsync(
        CodemarkId codemarkId, SlackSyncRequest request, DateTimeOffset at, string? exceptShare, CancellationToken cancellationToken)
    {
        var codemarkShares = await shares.ListSharesAsync(codemarkId, cancellationToken).ConfigureAwait(false);
        if (!codemarkShares.Any(s => s.DeletedInSlackAt is null && s.Identifier != exceptShare))
        {
            return;
        }

        var key = $"{request.Target}:{request.Id}:{request.Change}:{at.ToUnixTimeMilliseconds()}";
        await queue.EnqueueAsync(new NewWorkItem(WorkKinds.SlackSync, key, JsonSerializer.Serialize(request)), cancellationToken).ConfigureAwait(false);
        signal.Notify();
    }
}
