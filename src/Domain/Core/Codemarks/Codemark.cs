using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;

namespace CodeStream.Integrations.Domain.Core.Codemarks;

/// <summary>A discussion anchored to code by one or more markers; its top-level post is <see cref="PostId"/>.</summary>
public sealed record Codemark(
    CodemarkId Id,
    TeamId TeamId,
    PostId PostId,
    UserId CreatorId,
    CodemarkType Type,
    string? Title,
    string Text,
    IReadOnlyList<Marker> Markers,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    DateTimeOffset? DeletedAt)
{
    public const int MaxTitleLength = 1000;
    public const int MaxTextLength = 100_000;
    public const int MaxMarkers = 100;

    public bool IsDeleted => DeletedAt is not null;

    public static Codemark Create(
        TeamId teamId, UserId creatorId, CodemarkType type, string? title, string? text, IReadOnlyList<Marker> markers, DateTimeOffset now)
    {
        var (checkedTitle, checkedText) = CheckContent(type, title, text);
        if (markers.Count > MaxMarkers)
        {
            throw new DomainException($"A codemark has at most {MaxMarkers} markers.");
        }

        return new Codemark(CodemarkId.New(now), teamId, PostId.New(now), creatorId, type, checkedTitle, checkedText, markers, now, null, null);
    }

    public Codemark Edit(string? title, string? text, DateTimeOffset now)
    {
        EnsureNotDeleted();
        var (checkedTitle, checkedText) = CheckContent(Type, title, text);
        return this with { Title = checkedTitle, Text = checkedText, EditedAt = now };
    }

    public Codemark Delete(DateTimeOffset now)
    {
        EnsureNotDeleted();
        return this with { DeletedAt = now };
    }

    public void EnsureNotDeleted()
    {
        if (IsDeleted)
        {
            throw new DomainException($"Codemark {Id} was deleted.");
        }
    }

    // Bookmarks are named by their title; every other type needs words in its text or title.
    private static (string? Title, string Text) CheckContent(CodemarkType type, string? title, string? text)
    {
        var checkedTitle = Common.Text.Optional(string.IsNullOrWhiteSpace(title) ? null : title.Trim(), "Title", MaxTitleLength);
        var checkedText = Common.Text.Optional(text, "Text", MaxTextLength) ?? string.Empty;
        if (type == CodemarkType.Bookmark && checkedTitle is null)
        {
            throw new DomainException("A bookmark needs a title.");
        }

        if (checkedTitle is null && string.IsNullOrWhiteSpace(checkedText))
        {
            throw new DomainException("A codemark needs text or a title.");
        }

        return (checkedTitle, checkedText);
    }
}
