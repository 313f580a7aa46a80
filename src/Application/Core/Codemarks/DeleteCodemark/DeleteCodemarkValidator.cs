using CodeStream.Integrations.Application.Common.Validation;
using CodeStream.Integrations.Domain.Core.Codemarks;
using FluentValidation;

namespace CodeStream.Integrations.Application.Core.Codemarks.DeleteCodemark;

internal sealed class DeleteCodemarkValidator : AbstractValidator<DeleteCodemarkCommand>
{
    public DeleteCodemarkValidator() => RuleFor(c => c.CodemarkId).MustBeId(CodemarkId.Prefix);
}
