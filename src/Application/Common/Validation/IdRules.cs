using CodeStream.Integrations.Domain.Common;
using FluentValidation;

namespace CodeStream.Integrations.Application.Common.Validation;

/// <summary>Validator rules for the ids requests carry as strings.</summary>
internal static class IdRules
{
    public static IRuleBuilderOptions<T, string?> MustBeId<T>(this IRuleBuilder<T, string?> rule, string prefix) =>
        rule.NotEmpty()
            .Must(value => PrefixedId.IsValid(value, prefix))
            .WithMessage($"'{{PropertyName}}' must be an id like '{prefix}_…' (letters and digits after the underscore).");
}
