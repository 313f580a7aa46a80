using CodeStream.Integrations.Domain.Common;

namespace CodeStream.Integrations.Domain.Core.Codemarks;

/// <summary>Id of a codemark, e.g. <c>cm_01</c>.</summary>
public readonly record struct CodemarkId
{
    public const string Prefix = "cm";

    private CodemarkId(string value) => Value = value;

    public string Value { get; }

    public static CodemarkId New() => new(PrefixedId.New(Prefix));

    public static CodemarkId Parse(string? value) => new(PrefixedId.Require(value, Prefix, "codemark"));

    public static bool TryParse(string? value, out CodemarkId id)
    {
        id = PrefixedId.IsValid(value, Prefix) ? new CodemarkId(value!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
