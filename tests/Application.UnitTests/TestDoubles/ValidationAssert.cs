using FluentValidation.Results;

namespace CodeStream.Integrations.Application.UnitTests.TestDoubles;

internal static class ValidationAssert
{
    public static void Valid(ValidationResult result) =>
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));

    /// <summary>The result fails, and only on the given property (possibly more than once).</summary>
    public static void FailsOnlyOn(ValidationResult result, string propertyName)
    {
        Assert.False(result.IsValid);
        Assert.Equal([propertyName], result.Errors.Select(e => e.PropertyName).Distinct());
    }

    /// <summary>The result fails on exactly these properties, in any order.</summary>
    public static void FailsOnExactly(ValidationResult result, params string[] propertyNames) =>
        Assert.Equal(
            propertyNames.Order(StringComparer.Ordinal),
            result.Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal));
}
