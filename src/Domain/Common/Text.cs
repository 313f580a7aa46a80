namespace CodeStream.Integrations.Domain.Common;

/// <summary>Checks shared by the entities' factories.</summary>
internal static class Text
{
    public static string Required(string? value, string name, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainException($"{name} is required.");
        }

        return Optional(value, name, maxLength)!;
    }

    public static string? Optional(string? value, string name, int maxLength) =>
        value is not null && value.Length > maxLength
            ? throw new DomainException($"{name} must be at most {maxLength} characters.")
            : value;
}
