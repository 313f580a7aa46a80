using CodeStream.Integrations.Application.Common.Validation;
using CodeStream.Integrations.Domain.Core.Posts;
using FluentValidation;

namespace CodeStream.Integrations.Application.Core.Replies.EditReply;

internal sealed class EditReplyValidator : AbstractValidator<EditReplyCommand>
{
    public EditReplyValidator()
    {
        RuleFor(c => c.ReplyId).MustBeId(PostId.Prefix);
        RuleFor(c => c.Text).NotEmpty().MaximumLength(Post.MaxTextLength);
    }
}
