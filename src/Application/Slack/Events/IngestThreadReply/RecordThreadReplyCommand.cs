using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Core.Changes;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Application.Slack.Sync;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.IngestThreadReply;

/// <summary>
/// Stores a reply written in a Slack thread with its Slack message record, and queues its copies for the codemark's
/// other threads. The database allows one reply per (workspace, channel, ts): a twin that got there first makes this
/// throw <see cref="DuplicateSlackMessageException"/>, and nothing is stored.
/// </summary>
public sealed record RecordThreadReplyCommand(Post Reply, SlackMessageCopy Message, CodemarkShare Thread) : ICommand<Unit>;

internal sealed class RecordThreadReplyHandler(IReplyRepository replies, ISlackShareRepository shares, IMediator mediator)
    : IRequestHandler<RecordThreadReplyCommand, Unit>
{
    public async Task<Unit> Handle(RecordThreadReplyCommand request, CancellationToken cancellationToken)
    {
        await replies.AddAsync(request.Reply, cancellationToken).ConfigureAwait(false);
        await shares.AddMessageCopyAsync(request.Message, cancellationToken).ConfigureAwait(false); // a twin fails the unit of work

        // Other threads of the codemark (other channels, Teams) get a copy through the outboxes; this one has the original.
        await mediator.Publish(
            new ReplyChanged(request.Reply, DiscussionChange.Added, request.Reply.CreatedAt, request.Thread.Identifier), cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
