using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Changes;
using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using MediatR;

namespace CodeStream.Integrations.Application.Core.Codemarks.EditCodemark;

internal sealed class EditCodemarkHandler(ICodemarkRepository codemarks, IMediator mediator, TimeProvider clock)
    : IRequestHandler<EditCodemarkCommand, CodemarkDto>
{
    public async Task<CodemarkDto> Handle(EditCodemarkCommand request, CancellationToken cancellationToken)
    {
        var id = CodemarkId.Parse(request.CodemarkId);
        var codemark = await codemarks.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (codemark is null || codemark.IsDeleted)
        {
            throw new NotFoundException("Codemark", id.Value);
        }

        var edited = codemark.Edit(request.Title, request.Text, clock.GetUtcNow());
        await codemarks.UpdateAsync(edited, cancellationToken).ConfigureAwait(false);
        await mediator.Publish(new CodemarkChanged(edited, DiscussionChange.Edited, edited.EditedAt!.Value), cancellationToken).ConfigureAwait(false);
        return CodemarkDto.From(edited);
    }
}
