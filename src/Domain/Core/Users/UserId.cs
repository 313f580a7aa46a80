using CodeStream.Integrations.Domain.Common;

namespace CodeStream.Integrations.Domain.Core.Users;

/// <summary>Id of a user, e.g. <c>user_01</c>.</summary>
public readonly record struct UserId
{
    public const string Prefix = "user";

    private UserId(string value) => Value = value;

    public string Value { get; }

    /// <summary>A new id whose time part is <paramref name="now"/> (ids sort in creation order).</summary>
    public static UserId New(DateTimeOffset now) => new(PrefixedId.New(Prefix, now));

    public static UserId Parse(string? value) => new(PrefixedId.Require(value, Prefix, "user"));

    public static bool TryParse(string? value, out UserId id)
    {
        id = PrefixedId.IsValid(value, Prefix) ? new UserId(value!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
