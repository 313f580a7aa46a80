using CodeStream.Integrations.Domain.Common;

namespace CodeStream.Integrations.Domain.Core.Posts;

/// <summary>Id of a post, e.g. <c>post_01</c>.</summary>
public readonly record struct PostId
{
    public const string Prefix = "post";

    private PostId(string value) => Value = value;

    public string Value { get; }

    /// <summary>A new id whose time part is <paramref name="now"/> (ids sort in creation order).</summary>
    public static PostId New(DateTimeOffset now) => new(PrefixedId.New(Prefix, now));

    public static PostId Parse(string? value) => new(PrefixedId.Require(value, Prefix, "post"));

    public static bool TryParse(string? value, out PostId id)
    {
        id = PrefixedId.IsValid(value, Prefix) ? new PostId(value!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
