using CodeStream.Integrations.Domain.Common;

namespace CodeStream.Integrations.Domain.Core.Teams;

/// <summary>Id of a team, e.g. <c>team_01</c>.</summary>
public readonly record struct TeamId
{
    public const string Prefix = "team";

    private TeamId(string value) => Value = value;

    public string Value { get; }

    /// <summary>A new id whose time part is <paramref name="now"/> (ids sort in creation order).</summary>
    public static TeamId New(DateTimeOffset now) => new(PrefixedId.New(Prefix, now));

    public static TeamId Parse(string? value) => new(PrefixedId.Require(value, Prefix, "team"));

    public static bool TryParse(string? value, out TeamId id)
    {
        id = PrefixedId.IsValid(value, Prefix) ? new TeamId(value!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
