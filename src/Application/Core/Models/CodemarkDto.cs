using CodeStream.Integrations.Domain.Core.Codemarks;

namespace CodeStream.Integrations.Application.Core.Models;

public sealed record MarkerDto(
    string Id, string File, string? Repo, string? CommitHash, int StartLine, int EndLine, string Code, string? RemoteCodeUrl)
{
    public static MarkerDto From(Marker marker) => new(
        marker.Id.Value, marker.File, marker.Repo, marker.CommitHash, marker.StartLine, marker.EndLine, marker.Code, marker.RemoteCodeUrl);
}

public sealed record CodemarkDto(
    string Id,
    string TeamId,
    string PostId,
    string CreatorId,
    string Type,
    string? Title,
    string Text,
    IReadOnlyList<MarkerDto> Markers,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    bool Deleted,
    IReadOnlyList<SharedToDto> SharedTo,
    IReadOnlyList<ReplyDto> Replies)
{
    /// <summary>Reactions on the codemark itself: <c>{ "thumbsup": ["userId", …] }</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Reactions { get; init; } = ReactionsDto.None;

    public static CodemarkDto From(Codemark codemark, IReadOnlyList<SharedToDto>? sharedTo = null, IReadOnlyList<ReplyDto>? replies = null) => new(
        codemark.Id.Value,
        codemark.TeamId.Value,
        codemark.PostId.Value,
        codemark.CreatorId.Value,
        codemark.Type.ToString().ToLowerInvariant(),
        codemark.Title,
        codemark.Text,
        [.. codemark.Markers.Select(MarkerDto.From)],
        codemark.CreatedAt,
        codemark.EditedAt,
        codemark.IsDeleted,
        sharedTo ?? [],
        replies ?? []);
}
