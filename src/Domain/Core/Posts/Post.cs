using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;

namespace CodeStream.Integrations.Domain.Core.Posts;

/// <summary>A reply in a codemark's discussion: a post whose parent is the codemark's top-level post.</summary>
public sealed record Post(
    PostId Id,
    TeamId TeamId,
    CodemarkId CodemarkId,
    PostId ParentPostId,
    UserId CreatorId,
    string Text,
    PostOrigin Origin,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    DateTimeOffset? DeletedAt,
    IReadOnlyList<UserId> MentionedUserIds,
    IReadOnlyList<FileReference> Files)
{
    public const int MaxTextLength = 100_000;

    public bool IsDeleted => DeletedAt is not null;

    public static Post CreateReply(
        Codemark codemark,
        UserId creatorId,
        string? text,
        PostOrigin origin,
        DateTimeOffset createdAt,
        IReadOnlyList<UserId>? mentionedUserIds = null,
        IReadOnlyList<FileReference>? files = null)
    {
        codemark.EnsureNotDeleted();
        var attached = files ?? [];
        // A message from a messaging tool may be only a file; a reply typed in CodeStream needs words.
        var checkedText = attached.Count > 0
            ? Common.Text.Optional(text, "Reply text", MaxTextLength) ?? string.Empty
            : Common.Text.Required(text, "Reply text", MaxTextLength);

        return new Post(
            PostId.New(createdAt),
            codemark.TeamId,
            codemark.Id,
            codemark.PostId,
            creatorId,
            checkedText,
            origin,
            createdAt,
            EditedAt: null,
            DeletedAt: null,
            mentionedUserIds ?? [],
            attached);
    }

    /// <summary>The edited reply, or <c>null</c> when the text did not change (nothing to save or sync).</summary>
    public Post? Edit(string? text, DateTimeOffset now, IReadOnlyList<UserId>? mentionedUserIds = null)
    {
        EnsureNotDeleted();
        var checkedText = Common.Text.Required(text, "Reply text", MaxTextLength);
        if (string.Equals(checkedText, Text, StringComparison.Ordinal))
        {
            return null;
        }

        return this with { Text = checkedText, EditedAt = now, MentionedUserIds = mentionedUserIds ?? MentionedUserIds };
    }

    public Post Delete(DateTimeOffset now)
    {
        EnsureNotDeleted();
        return this with { DeletedAt = now };
    }

    private void EnsureNotDeleted()
    {
        if (IsDeleted)
        {
            throw new DomainException($"Reply {Id} was deleted.");
        }
    }
}
