using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Changes;
using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Core.Teams;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Users;
using MediatR;

namespace CodeStream.Integrations.Application.Core.Replies.AddReply;

internal sealed class AddReplyHandler(ICodemarkRepository codemarks, IUserRepository users, IReplyRepository replies, IMediator mediator, TimeProvider clock)
    : IRequestHandler<AddReplyCommand, ReplyDto>
{
    public async Task<ReplyDto> Handle(AddReplyCommand request, CancellationToken cancellationToken)
    {
        var codemarkId = CodemarkId.Parse(request.CodemarkId);
        var creatorId = UserId.Parse(request.CreatorId);
        var codemark = await codemarks.GetAsync(codemarkId, cancellationToken).ConfigureAwait(false);
        if (codemark is null || codemark.IsDeleted)
        {
            throw new NotFoundException("Codemark", codemarkId.Value);
        }

        var creator = await users.GetAsync(creatorId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("User", creatorId.Value);
        TeamGuard.EnsureCanActIn(creator, codemark.TeamId);

        var reply = Post.CreateReply(codemark, creatorId, request.Text, PostOrigin.CodeStream, clock.GetUtcNow());
        await replies.AddAsync(reply, cancellationToken).ConfigureAwait(false);
        await mediator.Publish(new ReplyChanged(reply, DiscussionChange.Added, reply.CreatedAt), cancellationToken).ConfigureAwait(false);
        return ReplyDto.From(reply);
    }
}
