using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Common.Models;
using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Domain.Codemarks;
using CodeStream.Integrations.Domain.Posts;
using CodeStream.Integrations.Domain.Users;
using CodeStream.Integrations.Application.Slack.Sharing;
using MediatR;

namespace CodeStream.Integrations.Application.Replies.AddReply;

internal sealed class AddReplyHandler(ICodemarkRepository codemarks, IUserRepository users, IReplyRepository replies, ISlackSyncOutbox outbox, TimeProvider clock)
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
        await outbox.ReplyChangedAsync(reply, SlackSync.SyncReplyToSlack.SyncReplyToSlackCommand.Added, reply.CreatedAt, cancellationToken).ConfigureAwait(false);
        return ReplyDto.From(reply);
    }
}
