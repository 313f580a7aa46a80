using CodeStream.Integrations.Domain.Common;

namespace CodeStream.Integrations.Domain.Core.Codemarks;

/// <summary>Id of a marker, e.g. <c>mk_01</c>.</summary>
public readonly record struct MarkerId
{
    public const string Prefix = "mk";

    private MarkerId(string value) => Value = value;

    public string Value { get; }

    /// <summary>A new id whose time part is <paramref name="now"/> (ids sort in creation order).</summary>
    public static MarkerId New(DateTimeOffset now) => new(PrefixedId.New(Prefix, now));

    public static MarkerId Parse(string? value) => new(PrefixedId.Require(value, Prefix, "marker"));

    public static bool TryParse(string? value, out MarkerId id)
    {
        id = PrefixedId.IsValid(value, Prefix) ? new MarkerId(value!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
