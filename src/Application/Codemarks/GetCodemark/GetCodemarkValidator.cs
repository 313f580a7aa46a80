using CodeStream.Integrations.Application.Common.Validation;
using CodeStream.Integrations.Domain.Codemarks;
using FluentValidation;

namespace CodeStream.Integrations.Application.Codemarks.GetCodemark;

internal sealed class GetCodemarkValidator : AbstractValidator<GetCodemarkQuery>
{
    public GetCodemarkValidator() => RuleFor(q => q.CodemarkId).MustBeId(CodemarkId.Prefix);
}
