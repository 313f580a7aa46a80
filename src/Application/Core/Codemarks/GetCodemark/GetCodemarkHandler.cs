using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Teams;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using MediatR;

namespace CodeStream.Integrations.Application.Core.Codemarks.GetCodemark;

internal sealed class GetCodemarkHandler(ICodemarkRepository codemarks, IReplyRepository replies, ISlackShareRepository shares)
    : IRequestHandler<GetCodemarkQuery, CodemarkDto>
{
    public async Task<CodemarkDto> Handle(GetCodemarkQuery request, CancellationToken cancellationToken)
    {
        var id = CodemarkId.Parse(request.CodemarkId);
        var codemark = await codemarks.GetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("Codemark", id.Value);

        var codemarkShares = await shares.ListSharesAsync(id, cancellationToken).ConfigureAwait(false);
        var copies = await shares.ListMessageCopiesAsync(id, cancellationToken).ConfigureAwait(false);
        var copiesByPost = copies.ToLookup(c => c.PostId);
        var replyList = await replies.ListByCodemarkAsync(id, cancellationToken).ConfigureAwait(false);

        return CodemarkDto.From(
            codemark,
            [.. codemarkShares.Select(SharedToDto.From)],
            [.. replyList.Select(r => ReplyDto.From(r, [.. copiesByPost[r.Id].Select(SharedToDto.From)]))]);
    }
}
