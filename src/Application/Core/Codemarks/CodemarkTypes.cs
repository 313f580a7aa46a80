using CodeStream.Integrations.Domain.Core.Codemarks;

namespace CodeStream.Integrations.Application.Core.Codemarks;

/// <summary>Codemark types as the API writes them: lower-case names.</summary>
internal static class CodemarkTypes
{
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetNames<CodemarkType>().Select(n => n.ToLowerInvariant())];

    public static bool IsKnown(string? name) => TryParse(name, out _);

    // Exactly one known name, any case: Enum.TryParse alone would also take "issue,question" (OR-ed flags) or " 3 ".
    public static bool TryParse(string? name, out CodemarkType type)
    {
        var index = name is null ? -1 : Names.ToList().FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        type = index < 0 ? default : Enum.GetValues<CodemarkType>()[index];
        return index >= 0;
    }
}
