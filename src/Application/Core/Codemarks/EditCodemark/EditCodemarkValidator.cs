using CodeStream.Integrations.Application.Common.Validation;
using CodeStream.Integrations.Domain.Core.Codemarks;
using FluentValidation;

namespace CodeStream.Integrations.Application.Core.Codemarks.EditCodemark;

internal sealed class EditCodemarkValidator : AbstractValidator<EditCodemarkCommand>
{
    public EditCodemarkValidator()
    {
        RuleFor(c => c.CodemarkId).MustBeId(CodemarkId.Prefix);
        RuleFor(c => c.Title).MaximumLength(Codemark.MaxTitleLength);
        RuleFor(c => c.Text).MaximumLength(Codemark.MaxTextLength);
        RuleFor(c => c)
            .Must(c => !string.IsNullOrWhiteSpace(c.Text) || !string.IsNullOrWhiteSpace(c.Title))
            .WithName("Text").WithMessage("'Text' must not be empty unless a title is given.");
    }
}
