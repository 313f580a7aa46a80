using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Users;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Support;

/// <summary>
/// Equality for the records that hold lists (records compare lists by reference): the scalar members by record
/// equality, the lists element by element. Mentions are a set, so they are compared sorted.
/// </summary>
internal static class DomainAssert
{
    private static readonly IReadOnlyList<Marker> NoMarkers = [];
    private static readonly IReadOnlyList<UserId> NoUsers = [];
    private static readonly IReadOnlyList<FileReference> NoFiles = [];

    public static void Equal(Codemark expected, Codemark? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Markers = NoMarkers }, actual with { Markers = NoMarkers });
        Assert.Equal(expected.Markers, actual.Markers);
    }

    public static void Equal(Post expected, Post? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { MentionedUserIds = NoUsers, Files = NoFiles }, actual with { MentionedUserIds = NoUsers, Files = NoFiles });
        Assert.Equal(Sorted(expected.MentionedUserIds.Distinct()), Sorted(actual.MentionedUserIds));
        Assert.Equal(expected.Files, actual.Files);
    }

    public static string[] Sorted(IEnumerable<UserId> ids) => [.. ids.Select(id => id.Value).Order(StringComparer.Ordinal)];
}
