using FluentValidation;

namespace CodeStream.Integrations.Application.Core.Reactions.SetReaction;

internal sealed class SetReactionValidator : AbstractValidator<SetReactionCommand>
{
    public SetReactionValidator() =>
        RuleFor(c => c.Emoji).NotEmpty().MaximumLength(100).Matches("^[a-z0-9_+'\\-:]+$")
            .WithMessage("An emoji is a name such as thumbsup or skin-tone-2.");
}
