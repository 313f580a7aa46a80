using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.MsTeams.Common;
using CodeStream.Integrations.Application.MsTeams.Identity;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.MsTeams;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Activities.IngestTeamsReply;

/// <summary>
/// docs/msteams.md, "Replies from Teams": a member's message in a shared thread becomes a reply (origin MsTeams,
/// author by e-mail or a faux user, HTML converted), stored with its Teams message record in one transaction; the
/// database allows one reply per (thread, activity id), so a redelivery or a twin ends "already-synced". The reply's
/// copies (other Teams threads, Slack threads) follow through the outboxes. Our bot's own messages are ignored.
/// </summary>
internal sealed class IngestTeamsReplyHandler(
    IMsTeamsShareRepository shares,
    ICodemarkRepository codemarks,
    TeamsAuthorResolver authors,
    TeamsMessageText texts,
    MsTeamsSettings settings,
    IMediator mediator,
    TimeProvider clock) : IRequestHandler<IngestTeamsReplyCommand, WorkOutcome>
{
    public async Task<WorkOutcome> Handle(IngestTeamsReplyCommand request, CancellationToken cancellationToken)
    {
        var a = request.Activity;
        if (a.Id is not { Length: > 0 and <= 128 } activityId || a.ConversationId is not { Length: > 0 and <= 512 } conversationId || a.FromId is not { Length: > 0 } fromId)
        {
            return WorkOutcome.Ignored("malformed-message");
        }

        if (fromId == settings.BotMemberId || fromId.StartsWith("28:", StringComparison.Ordinal))
        {
            return WorkOutcome.Ignored("own-message");
        }

        if (!conversationId.Contains(";messageid=", StringComparison.Ordinal))
        {
            return WorkOutcome.Ignored("not-a-thread-reply");
        }

        var share = await shares.FindShareByThreadAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (share is null || share.DeletedAt is not null)
        {
            return WorkOutcome.Ignored("thread-not-shared");
        }

        if (activityId == share.RootActivityId)
        {
            return WorkOutcome.Ignored("thread-root");
        }

        var codemark = await codemarks.GetForReplyAsync(share.CodemarkId, cancellationToken).ConfigureAwait(false);
        if (codemark is null || codemark.IsDeleted)
        {
            return WorkOutcome.Ignored("codemark-deleted");
        }

        var (markdown, mentioned) = await texts.ReadAsync(share.TeamId, share, a, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return WorkOutcome.Ignored("empty-message");
        }

        var author = await authors.ResolveAsync(share.TeamId, share.ServiceUrl, conversationId, fromId, a.FromName, a.FromAadObjectId, cancellationToken).ConfigureAwait(false);
        var at = a.SentAt ?? clock.GetUtcNow();
        var reply = Post.CreateReply(codemark, author.Id, markdown, MsTeamsPostOrigin.Value, at, mentioned);
        try
        {
            await mediator.Send(
                new RecordTeamsReplyCommand(reply, new MsTeamsMessageCopy(reply.Id, conversationId, activityId, PostedByBot: false, clock.GetUtcNow())),
                cancellationToken).ConfigureAwait(false);
        }
        catch (DuplicateTeamsMessageException)
        {
            return WorkOutcome.Ignored("already-synced");
        }

        return WorkOutcome.Done(reply.Id.Value);
    }
}
