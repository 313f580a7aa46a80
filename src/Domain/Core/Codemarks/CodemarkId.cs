using CodeStream.Integrations.Domain.Common;

namespace CodeStream.Integrations.Domain.Core.Codemarks;

/// <summary>Id of a codemark, e.g. <c>cm_01</c>.</summary>
public readonly record struct CodemarkId
{
    public const string Prefix = "cm";

    private CodemarkId(string value) => Value = value;

    public string Value { get; }

    /// <summary>A new id whose time part is <paramref name="now"/> (ids sort in creation order).</summary>
    public static CodemarkId New(DateTimeOffset now) => new(PrefixedId.New(Prefix, now));

    public static CodemarkId Parse(string? value) => new(PrefixedId.Require(value, Prefix, "codemark"));

    public static bool TryParse(string? value, out CodemarkId id)
    {
        id = PrefixedId.IsValid(value, Prefix) ? new CodemarkId(value!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
