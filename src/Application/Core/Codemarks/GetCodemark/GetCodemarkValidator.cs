using CodeStream.Integrations.Application.Common.Validation;
using CodeStream.Integrations.Domain.Core.Codemarks;
using FluentValidation;

namespace CodeStream.Integrations.Application.Core.Codemarks.GetCodemark;

internal sealed class GetCodemarkValidator : AbstractValidator<GetCodemarkQuery>
{
    public GetCodemarkValidator() => RuleFor(q => q.CodemarkId).MustBeId(CodemarkId.Prefix);
}
