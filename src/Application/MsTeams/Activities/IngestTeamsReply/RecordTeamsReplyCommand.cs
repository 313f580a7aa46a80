using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Core.Changes;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.MsTeams;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Activities.IngestTeamsReply;

/// <summary>
/// Stores a reply written in Teams with its Teams message record and publishes it (the outboxes commit with it). A
/// twin that got there first makes this throw <see cref="DuplicateTeamsMessageException"/>: nothing is stored.
/// </summary>
public sealed record RecordTeamsReplyCommand(Post Reply, MsTeamsMessageCopy Message) : ICommand<Unit>;

/// <summary>The Teams message is a reply already: the unit of work rolls this one back.</summary>
public sealed class DuplicateTeamsMessageException : Exception;

internal sealed class RecordTeamsReplyHandler(IReplyRepository replies, IMsTeamsShareRepository shares, IMediator mediator)
    : IRequestHandler<RecordTeamsReplyCommand, Unit>
{
    public async Task<Unit> Handle(RecordTeamsReplyCommand request, CancellationToken cancellationToken)
    {
        await replies.AddAsync(request.Reply, cancellationToken).ConfigureAwait(false);
        if (!await shares.TryAddMessageCopyAsync(request.Message, cancellationToken).ConfigureAwait(false))
        {
            throw new DuplicateTeamsMessageException();
        }

        await mediator.Publish(new ReplyChanged(request.Reply, DiscussionChange.Added, request.Reply.CreatedAt, request.Message.ConversationId), cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
