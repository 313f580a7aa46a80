using CodeStream.Integrations.Domain.Common;

namespace CodeStream.Integrations.Domain.Core.Codemarks;

/// <summary>Id of a marker, e.g. <c>mk_01</c>.</summary>
public readonly record struct MarkerId
{
    public const string Prefix = "mk";

    private MarkerId(string value) => Value = value;

    public string Value { get; }

    public static MarkerId New() => new(PrefixedId.New(Prefix));

    public static MarkerId Parse(string? value) => new(PrefixedId.Require(value, Prefix, "marker"));

    public static bool TryParse(string? value, out MarkerId id)
    {
        id = PrefixedId.IsValid(value, Prefix) ? new MarkerId(value!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
