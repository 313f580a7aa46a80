using CodeStream.Integrations.Application.Common.Validation;
using CodeStream.Integrations.Domain.Core.Posts;
using FluentValidation;

namespace CodeStream.Integrations.Application.Core.Replies.DeleteReply;

internal sealed class DeleteReplyValidator : AbstractValidator<DeleteReplyCommand>
{
    public DeleteReplyValidator() => RuleFor(c => c.ReplyId).MustBeId(PostId.Prefix);
}
