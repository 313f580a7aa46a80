using System.Data.Common;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Infrastructure.Core.Persistence;
using CodeStream.Integrations.Infrastructure.IntegrationTests.Support;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Persistence.Repositories;

public sealed class CodemarkRepositoryTests : DatabaseTest
{
    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task GetAsync_WhenCodemarkHasSeveralMarkers_ReturnsThemInTheirOrder(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var author = await Seed.UserAsync(database, team.Id, "alice@acme.example");
        // Created a, b, c (ids ascending) but listed c, a, b: the stored order must be the list's, not the ids' or files'.
        var a = TestData.NewMarker("src/Alpha.cs", 10, 12);
        var b = TestData.NewMarker("src/Beta.cs", 1, 1);
        var c = TestData.NewMarker("src/Zeta.cs", 200, 240) with { Repo = null, CommitHash = null, RemoteCodeUrl = null, Code = string.Empty };
        var codemark = TestData.NewCodemark(team.Id, author.Id, [c, a, b]);

        await using (var session = new DbSession(database.Factory))
        {
            await new CodemarkRepository(session).AddAsync(codemark, CancellationToken.None);
        }

        await using var reader = new DbSession(database.Factory);
        var stored = await new CodemarkRepository(reader).GetAsync(codemark.Id, CancellationToken.None);
        DomainAssert.Equal(codemark, stored);
        Assert.Equal([c.Id, a.Id, b.Id], stored!.Markers.Select(marker => marker.Id));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task GetAsync_WhenCodemarkHasNoMarkersNorTitle_ReturnsItWithEmptyMarkers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var author = await Seed.UserAsync(database, team.Id, "alice@acme.example");
        var codemark = TestData.NewCodemark(team.Id, author.Id, [], CodemarkType.Comment, title: null, text: "Ünïcödé 🚀 'single' \"double\" \\ % _\nsecond line");
        await using var session = new DbSession(database.Factory);
        var codemarks = new CodemarkRepository(session);

        await codemarks.AddAsync(codemark, CancellationToken.None);

        var stored = await codemarks.GetAsync(codemark.Id, CancellationToken.None);
        DomainAssert.Equal(codemark, stored);
        Assert.Empty(stored!.Markers);
        Assert.Null(stored.Title);
        Assert.Null(stored.EditedAt);
        Assert.Null(stored.DeletedAt);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task GetAsync_ForEveryCodemarkType_ReturnsThatType(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var author = await Seed.UserAsync(database, team.Id, "alice@acme.example");
        await using var session = new DbSession(database.Factory);
        var codemarks = new CodemarkRepository(session);

        foreach (var type in Enum.GetValues<CodemarkType>())
        {
            var codemark = TestData.NewCodemark(team.Id, author.Id, [TestData.NewMarker("src/a.cs", 1, 2)], type, title: $"A {type}");
            await codemarks.AddAsync(codemark, CancellationToken.None);

            DomainAssert.Equal(codemark, await codemarks.GetAsync(codemark.Id, CancellationToken.None));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task GetAsync_WhenCodemarkDoesNotExist_ReturnsNull(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Seed.TeamWithCodemarkAsync(database);
        await using var session = new DbSession(database.Factory);

        Assert.Null(await new CodemarkRepository(session).GetAsync(CodemarkId.New(DateTimeOffset.UtcNow), CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task UpdateAsync_WhenCodemarkWasEdited_SavesTitleTextAndEditedAtAndKeepsMarkers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var author = await Seed.UserAsync(database, team.Id, "alice@acme.example");
        var codemark = TestData.NewCodemark(team.Id, author.Id, [TestData.NewMarker("src/b.cs", 3, 4), TestData.NewMarker("src/a.cs", 1, 2)]);
        await using (var session = new DbSession(database.Factory))
        {
            await new CodemarkRepository(session).AddAsync(codemark, CancellationToken.None);
        }

        var edited = codemark.Edit("Null check still missing", "Edited: guard the user.", TestData.At(60));
        await using (var session = new DbSession(database.Factory))
        {
            await new CodemarkRepository(session).UpdateAsync(edited, CancellationToken.None);
        }

        await using var reader = new DbSession(database.Factory);
        var stored = await new CodemarkRepository(reader).GetAsync(codemark.Id, CancellationToken.None);
        DomainAssert.Equal(edited, stored);
        Assert.Equal("Null check still missing", stored!.Title);
        Assert.Equal("Edited: guard the user.", stored.Text);
        Assert.Equal(TestData.At(60), stored.EditedAt);
        Assert.Null(stored.DeletedAt);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task UpdateAsync_WhenTitleWasCleared_SavesNullTitle(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var edited = seeded.Codemark.Edit(title: "   ", "Only text now", TestData.At(5));
        await using var session = new DbSession(database.Factory);
        var codemarks = new CodemarkRepository(session);

        await codemarks.UpdateAsync(edited, CancellationToken.None);

        var stored = await codemarks.GetAsync(edited.Id, CancellationToken.None);
        DomainAssert.Equal(edited, stored);
        Assert.Null(stored!.Title);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task UpdateAsync_WhenCodemarkWasDeleted_SavesDeletedAt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var edited = seeded.Codemark.Edit("Title", "Text", TestData.At(10));
        var deleted = edited.Delete(TestData.At(20));
        await using (var session = new DbSession(database.Factory))
        {
            var codemarks = new CodemarkRepository(session);
            await codemarks.UpdateAsync(edited, CancellationToken.None);
            await codemarks.UpdateAsync(deleted, CancellationToken.None);
        }

        await using var reader = new DbSession(database.Factory);
        var stored = await new CodemarkRepository(reader).GetAsync(deleted.Id, CancellationToken.None);
        DomainAssert.Equal(deleted, stored);
        Assert.True(stored!.IsDeleted);
        Assert.Equal(TestData.At(10), stored.EditedAt);
        Assert.Equal(TestData.At(20), stored.DeletedAt);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task UpdateAsync_WhenTeamHasSeveralCodemarks_ChangesOnlyThatCodemark(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var other = await Seed.CodemarkAsync(database, seeded.Team.Id, seeded.Author.Id);
        await using var session = new DbSession(database.Factory);
        var codemarks = new CodemarkRepository(session);

        await codemarks.UpdateAsync(seeded.Codemark.Delete(TestData.At(30)), CancellationToken.None);

        DomainAssert.Equal(other, await codemarks.GetAsync(other.Id, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task AddAsync_WhenTopLevelPostIdIsTaken_Throws(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var sameTopLevelPost = TestData.NewCodemark(seeded.Team.Id, seeded.Author.Id) with { PostId = seeded.Codemark.PostId };
        await using var session = new DbSession(database.Factory);
        var codemarks = new CodemarkRepository(session);

        await Assert.ThrowsAnyAsync<DbException>(() => codemarks.AddAsync(sameTopLevelPost, CancellationToken.None));

        Assert.Null(await codemarks.GetAsync(sameTopLevelPost.Id, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task AddAsync_WhenCreatorDoesNotExist_ThrowsForeignKeyViolation(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var codemark = TestData.NewCodemark(team.Id, Domain.Core.Users.UserId.New(DateTimeOffset.UtcNow));
        await using var session = new DbSession(database.Factory);

        await Assert.ThrowsAnyAsync<DbException>(() => new CodemarkRepository(session).AddAsync(codemark, CancellationToken.None));

        Assert.Equal(0, await database.CountAsync("codemarks"));
    }
}
