using CodeStream.Integrations.Domain.Common;

namespace CodeStream.Integrations.Domain.Core.Posts;

/// <summary>
/// Where a post was written: in CodeStream, or in a messaging tool (named by its module). A post is
/// never echoed back to the tool it came from. Stored as its <see cref="Name"/>.
/// </summary>
public readonly record struct PostOrigin
{
    private const string CodeStreamName = "CodeStream";

    private readonly string? _name;

    private PostOrigin(string name) => this._name = name;

    /// <summary>Written in CodeStream; also what <c>default</c> means.</summary>
    public static PostOrigin CodeStream { get; } = new(CodeStreamName);

    public string Name => _name ?? CodeStreamName;

    public bool IsCodeStream => Name == CodeStreamName;

    /// <summary>A messaging tool's origin; its name is letters only (it is stored and compared as written).</summary>
    public static PostOrigin Provider(string name) =>
        !string.IsNullOrEmpty(name) && name.All(char.IsAsciiLetter) && name != CodeStreamName
            ? new PostOrigin(name)
            : throw new DomainException($"'{name}' is not a messaging provider's name.");

    /// <summary>An origin as stored.</summary>
    public static PostOrigin Parse(string stored) => stored == CodeStreamName ? CodeStream : Provider(stored);

    public bool Equals(PostOrigin other) => Name == other.Name;

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Name;
}
