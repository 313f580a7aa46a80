using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Changes;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using MediatR;

namespace CodeStream.Integrations.Application.Core.Codemarks.DeleteCodemark;

internal sealed class DeleteCodemarkHandler(ICodemarkRepository codemarks, IMediator mediator, TimeProvider clock) : IRequestHandler<DeleteCodemarkCommand, Unit>
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
        await mediator.Publish(new CodemarkChanged(deleted, DiscussionChange.Deleted, deleted.DeletedAt!.Value), cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
