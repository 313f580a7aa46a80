using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using MediatR;

namespace CodeStream.Integrations.Application.Core.Codemarks.GetCodemark;

internal sealed class GetCodemarkHandler(
    ICodemarkRepository codemarks, IReplyRepository replies, IReactionRepository reactions, IEnumerable<IProviderCopies> providers)
    : IRequestHandler<GetCodemarkQuery, CodemarkDto>
{
    public async Task<CodemarkDto> Handle(GetCodemarkQuery request, CancellationToken cancellationToken)
    {
        var id = CodemarkId.Parse(request.CodemarkId);
        var codemark = await codemarks.GetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("Codemark", id.Value);

        var copies = new List<CodemarkCopies>();
        foreach (var provider in providers)
        {
            copies.Add(await provider.ListAsync(id, cancellationToken).ConfigureAwait(false));
        }

        var replyList = await replies.ListByCodemarkAsync(id, cancellationToken).ConfigureAwait(false);
        var reactionsByPost = (await reactions.ListForCodemarkAsync(codemark, cancellationToken).ConfigureAwait(false)).ToLookup(r => r.PostId);
        return CodemarkDto.From(
            codemark,
            [.. copies.SelectMany(c => c.Codemark)],
            [.. replyList.Select(r => ReplyDto.From(r, [.. copies.SelectMany(c => c.RepliesByPostId[r.Id.Value])]) with
            {
                Reactions = ReactionsDto.From(reactionsByPost[r.Id]),
            })]) with
        {
            Reactions = ReactionsDto.From(reactionsByPost[codemark.PostId]),
        };
    }
}
