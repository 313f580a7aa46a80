using CodeStream.Integrations.Application.Common.Validation;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Users;
using FluentValidation;

namespace CodeStream.Integrations.Application.Core.Replies.AddReply;

internal sealed class AddReplyValidator : AbstractValidator<AddReplyCommand>
{
    public AddReplyValidator()
    {
        RuleFor(c => c.CodemarkId).MustBeId(CodemarkId.Prefix);
        RuleFor(c => c.CreatorId).MustBeId(UserId.Prefix);
        RuleFor(c => c.Text).NotEmpty().MaximumLength(Post.MaxTextLength);
    }
}
