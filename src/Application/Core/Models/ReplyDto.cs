using CodeStream.Integrations.Domain.Core.Posts;

namespace CodeStream.Integrations.Application.Core.Models;

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
