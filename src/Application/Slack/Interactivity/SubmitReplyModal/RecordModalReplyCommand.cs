using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Core.Changes;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Posts;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Interactivity.SubmitReplyModal;

/// <summary>
/// Stores the reply of a modal submission, keyed by the submission so a second delivery makes no second reply (it
/// throws <see cref="DuplicateSubmissionException"/> and stores nothing), and publishes it for the Slack threads.
/// </summary>
public sealed record RecordModalReplyCommand(Post Reply, string SubmissionKey) : ICommand<Unit>;

/// <summary>Keeps a submission as durable work, to finish once its author is known (after Slack had its answer).</summary>
public sealed record DeferModalReplyCommand(NewWorkItem Work) : ICommand<Unit>;

/// <summary>The submission made its reply already: the unit of work rolls this one back.</summary>
public sealed class DuplicateSubmissionException : Exception;

internal sealed class ModalReplyCommandHandlers(
    IReplyRepository replies, ISlackSubmissionRepository submissions, IWorkQueue queue, IMediator mediator)
    : IRequestHandler<RecordModalReplyCommand, Unit>, IRequestHandler<DeferModalReplyCommand, Unit>
{
    public async Task<Unit> Handle(RecordModalReplyCommand request, CancellationToken cancellationToken)
    {
        var reply = request.Reply;
        await replies.AddAsync(reply, cancellationToken).ConfigureAwait(false);
        if (!await submissions.TryAddAsync(request.SubmissionKey, reply.Id, reply.CreatedAt, cancellationToken).ConfigureAwait(false))
        {
            throw new DuplicateSubmissionException();
        }

        await mediator.Publish(new ReplyChanged(reply, DiscussionChange.Added, reply.CreatedAt), cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }

    public async Task<Unit> Handle(DeferModalReplyCommand request, CancellationToken cancellationToken)
    {
        await queue.EnqueueAsync(request.Work, cancellationToken).ConfigureAwait(false); // wakes the processor once committed
        return Unit.Value;
    }
}
