using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Domain.Codemarks;
using CodeStream.Integrations.Application.Slack.Sharing;
using MediatR;

namespace CodeStream.Integrations.Application.Codemarks.DeleteCodemark;

internal sealed class DeleteCodemarkHandler(ICodemarkRepository codemarks, ISlackSyncOutbox outbox, TimeProvider clock) : IRequestHandler<DeleteCodemarkCommand, Unit>
{
    public async Task<Unit> Handle(DeleteCodemarkCommand request, CancellationToken cancellationToken)
    {
        var id = CodemarkId.Parse(request.CodemarkId);
        var codemark = await codemarks.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (codemark is null || codemark.IsDeleted)
        {
            throw new NotFoundException("Codemark", id.Value);
        }

        var deleted = codemark.Delete(clock.GetUtcNow());
        await codemarks.UpdateAsync(deleted, cancellationToken).ConfigureAwait(false);
        await outbox.CodemarkChangedAsync(deleted, SlackSync.SyncCodemarkToSlack.SyncCodemarkToSlackCommand.Deleted, deleted.DeletedAt!.Value, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
