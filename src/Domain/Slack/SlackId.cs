using CodeStream.Integrations.Domain.Common;

namespace CodeStream.Integrations.Domain.Slack;

/// <summary>Rules shared by Slack's object ids: an upper-case letter prefix, then upper-case letters and digits.</summary>
internal static class SlackId
{
    public const int MaxLength = 32;

    public static bool IsValid(string? value, string allowedFirstLetters) =>
        value is { Length: >= 2 and <= MaxLength }
        && allowedFirstLetters.Contains(value[0], StringComparison.Ordinal)
        && !value.AsSpan(1).ContainsAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    public static string Require(string? value, string allowedFirstLetters, string name) =>
        IsValid(value, allowedFirstLetters)
            ? value!
            : throw new DomainException($"'{value}' is not a Slack {name} id (expected it to start with {string.Join(" or ", allowedFirstLetters.ToCharArray())}).");
}
