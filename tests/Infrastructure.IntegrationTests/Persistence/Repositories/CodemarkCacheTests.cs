using CodeStream.Integrations.Infrastructure.Core.Persistence;
using CodeStream.Integrations.Infrastructure.IntegrationTests.Support;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;
using Dapper;
using Microsoft.Extensions.Time.Testing;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Persistence.Repositories;

/// <summary>
/// <see cref="CodemarkRepository.GetForReplyAsync"/>: one read per codemark for a burst of replies, this host's own
/// changes seen at once, another host's within the cache's 5 s, and nothing kept from a transaction that may roll back.
/// </summary>
public sealed class CodemarkCacheTests : DatabaseTest
{
    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task GetForReplyAsync_WhenAnotherHostDeletedTheCodemark_ServesTheCachedOneUntilItExpires(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var thisHost = new CodemarkCache(clock);
        using var otherHost = new CodemarkCache(clock);

        await using (var session = new DbSession(database.Factory))
        {
            Assert.False((await new CodemarkRepository(session, thisHost).GetForReplyAsync(seeded.Codemark.Id, CancellationToken.None))!.IsDeleted);
        }

        await using (var session = new DbSession(database.Factory))
        {
            await new CodemarkRepository(session, otherHost).UpdateAsync(seeded.Codemark.Delete(TestData.At(30)), CancellationToken.None);
        }

        await using var reader = new DbSession(database.Factory);
        var codemarks = new CodemarkRepository(reader, thisHost);
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False((await codemarks.GetForReplyAsync(seeded.Codemark.Id, CancellationToken.None))!.IsDeleted);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True((await codemarks.GetForReplyAsync(seeded.Codemark.Id, CancellationToken.None))!.IsDeleted);
    }

    public static TheoryData<DatabaseProvider, bool> ProvidersInATransactionOrNot => new()
    {
        { DatabaseProvider.Sqlite, true },
        { DatabaseProvider.Sqlite, false },
        { DatabaseProvider.Postgres, true },
        { DatabaseProvider.Postgres, false },
    };

    [SkippableTheory]
    [MemberData(nameof(ProvidersInATransactionOrNot))]
    public async Task GetForReplyAsync_WhenThisHostDeletedTheCodemark_SeesItAtOnce(DatabaseProvider provider, bool inATransaction)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        using var cache = new CodemarkCache(TimeProvider.System);
        await using var session = new DbSession(database.Factory);
        var codemarks = new CodemarkRepository(session, cache);
        Assert.False((await codemarks.GetForReplyAsync(seeded.Codemark.Id, CancellationToken.None))!.IsDeleted);

        if (inATransaction)
        {
            await session.BeginAsync(CancellationToken.None);
        }

        await codemarks.UpdateAsync(seeded.Codemark.Delete(TestData.At(30)), CancellationToken.None);
        if (inATransaction)
        {
            await session.CommitAsync(CancellationToken.None);
        }

        var read = await codemarks.GetForReplyAsync(seeded.Codemark.Id, CancellationToken.None);
        Assert.True(read!.IsDeleted);
        Assert.Equal(TestData.At(30), read.DeletedAt);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task GetForReplyAsync_InsideATransactionThatRollsBack_KeepsNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        using var cache = new CodemarkCache(TimeProvider.System);
        await using var session = new DbSession(database.Factory);
        var codemarks = new CodemarkRepository(session, cache);
        var added = TestData.NewCodemark(seeded.Team.Id, seeded.Author.Id);

        await session.BeginAsync(CancellationToken.None);
        await codemarks.AddAsync(added, CancellationToken.None);
        Assert.NotNull(await codemarks.GetForReplyAsync(added.Id, CancellationToken.None));
        await session.RollbackAsync(CancellationToken.None);

        Assert.Null(await codemarks.GetForReplyAsync(added.Id, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task GetForReplyAsync_ForABurstOfReplies_ReadsTheCodemarkOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        using var cache = new CodemarkCache(TimeProvider.System);
        await using var session = new DbSession(database.Factory);
        var codemarks = new CodemarkRepository(session, cache);
        var first = await codemarks.GetForReplyAsync(seeded.Codemark.Id, CancellationToken.None);

        // Changed in the database behind the cache's back: only the cached copy still has the old title.
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE codemarks SET title = 'changed behind the cache' WHERE id = @Id", new { Id = seeded.Codemark.Id.Value });
        }

        for (var i = 0; i < 10; i++)
        {
            var again = await codemarks.GetForReplyAsync(seeded.Codemark.Id, CancellationToken.None);
            Assert.Same(first, again);
            Assert.Equal(seeded.Codemark.Title, again!.Title);
        }

        Assert.Equal("changed behind the cache", (await codemarks.GetAsync(seeded.Codemark.Id, CancellationToken.None))!.Title);
    }
}
