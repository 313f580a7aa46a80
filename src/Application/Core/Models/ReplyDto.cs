using CodeStream.Integrations.Domain.Core.Posts;

namespace CodeStream.Integrations.Application.Core.Models;

/// <summary>Reactions as CodeStream shows them: each emoji with the people who reacted with it, in order.</summary>
public static class ReactionsDto
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> None { get; } = new Dictionary<string, IReadOnlyList<string>>();

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> From(IEnumerable<Persistence.PostReaction> reactions) =>
        reactions.GroupBy(r => r.Emoji, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(r => r.UserId.Value)], StringComparer.Ordinal);
}

public sealed record FileReferenceDto(string Name, string? Mimetype, long? Size, string? Url);

public sealed record ReplyDto(
    string Id,
    string CodemarkId,
    string ParentPostId,
    string Text,
    string CreatorId,
    string Origin,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    bool Deleted,
    IReadOnlyList<string> MentionedUserIds,
    IReadOnlyList<FileReferenceDto> Files,
    IReadOnlyList<SharedToDto> SharedTo)
{
    /// <summary>Who reacted with what: <c>{ "thumbsup": ["userId", …] }</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Reactions { get; init; } = ReactionsDto.None;

    public static ReplyDto From(Post reply, IReadOnlyList<SharedToDto>? sharedTo = null) => new(
        reply.Id.Value,
        reply.CodemarkId.Value,
        reply.ParentPostId.Value,
        reply.IsDeleted ? string.Empty : reply.Text,
        reply.CreatorId.Value,
        reply.Origin.ToString(),
        reply.CreatedAt,
        reply.EditedAt,
        reply.IsDeleted,
        [.. reply.MentionedUserIds.Select(id => id.Value)],
        [.. reply.Files.Select(f => new FileReferenceDto(f.Name, f.MimeType, f.Size, f.Url))],
        sharedTo ?? []);
}
