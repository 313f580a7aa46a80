using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Domain.Codemarks;
using MediatR;

namespace CodeStream.Integrations.Application.Codemarks.DeleteCodemark;

internal sealed class DeleteCodemarkHandler(ICodemarkRepository codemarks, TimeProvider clock) : IRequestHandler<DeleteCodemarkCommand, Unit>
{
    public async Task<Unit> Handle(DeleteCodemarkCommand request, CancellationToken cancellationToken)
    {
        var id = CodemarkId.Parse(request.CodemarkId);
        var codemark = await codemarks.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (codemark is null || codemark.IsDeleted)
        {
            throw new NotFoundException("Codemark", id.Value);
        }

        await codemarks.UpdateAsync(codemark.Delete(clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
