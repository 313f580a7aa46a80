using CodeStream.Integrations.Domain.Codemarks;

namespace CodeStream.Integrations.Application.Codemarks;

/// <summary>Codemark types as the API writes them: lower-case names.</summary>
internal static class CodemarkTypes
{
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetNames<CodemarkType>().Select(n => n.ToLowerInvariant())];

    public static bool IsKnown(string? name) => TryParse(name, out _);

    public static bool TryParse(string? name, out CodemarkType type) =>
        Enum.TryParse(name, ignoreCase: true, out type) && Enum.IsDefined(type) && !int.TryParse(name, out _);
}
