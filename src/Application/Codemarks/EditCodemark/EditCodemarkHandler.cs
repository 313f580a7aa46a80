using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Common.Models;
using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Domain.Codemarks;
using CodeStream.Integrations.Application.Slack.Sharing;
using MediatR;

namespace CodeStream.Integrations.Application.Codemarks.EditCodemark;

internal sealed class EditCodemarkHandler(ICodemarkRepository codemarks, ISlackSyncOutbox outbox, TimeProvider clock)
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
        await outbox.CodemarkChangedAsync(edited, SlackSync.SyncCodemarkToSlack.SyncCodemarkToSlackCommand.Edited, edited.EditedAt!.Value, cancellationToken).ConfigureAwait(false);
        return CodemarkDto.From(edited);
    }
}
