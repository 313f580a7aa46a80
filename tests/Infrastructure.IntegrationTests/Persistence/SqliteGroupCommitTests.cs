using System.Data.Common;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;
using Dapper;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// SQLite's units of work that queue at the write gate share one transaction: each one's commit returns only once the
/// shared transaction has committed, one unit's rollback undoes only its own writes, and a failed shared commit fails
/// every unit in it.
/// </summary>
public sealed class SqliteGroupCommitTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task CommitAsync_WhileAnotherUnitWaitsAtTheGate_ReturnsOnlyWhenTheSharedTransactionCommits()
    {
        await using var database = await CreateAsync();
        await using var first = new DbSession(database.Factory);
        await using var second = new DbSession(database.Factory);

        await first.BeginAsync(CancellationToken.None);
        await InsertAsync(first, "first");
        var secondBegun = second.BeginAsync(CancellationToken.None);
        await WaitUntilAsync(() => database.Factory.WriteGate.HasWaiters);

        var firstCommitted = first.CommitAsync(CancellationToken.None);
        await secondBegun.WaitAsync(Long); // the gate passed on: the first unit is in the group, not yet committed
        Assert.False(firstCommitted.IsCompleted);
        Assert.Empty(await StoredAsync(database));

        await InsertAsync(second, "second");
        await second.CommitAsync(CancellationToken.None).WaitAsync(Long);
        await firstCommitted.WaitAsync(Long);

        Assert.Equal(["first", "second"], await StoredAsync(database));
    }

    [Fact]
    public async Task RollbackAsync_OfOneUnitInAGroup_UndoesOnlyItsWrites()
    {
        await using var database = await CreateAsync();
        await using var kept = new DbSession(database.Factory);
        await using var undone = new DbSession(database.Factory);

        await kept.BeginAsync(CancellationToken.None);
        await InsertAsync(kept, "kept");
        var undoneBegun = undone.BeginAsync(CancellationToken.None);
        await WaitUntilAsync(() => database.Factory.WriteGate.HasWaiters);
        var keptCommitted = kept.CommitAsync(CancellationToken.None);
        await undoneBegun.WaitAsync(Long);

        await InsertAsync(undone, "undone");
        await undone.RollbackAsync(CancellationToken.None);
        await keptCommitted.WaitAsync(Long);

        Assert.Equal(["kept"], await StoredAsync(database));
    }

    [Fact]
    public async Task AnUrgentWriteOnItsOwnConnection_WhileAGroupIsOpen_CommitsTheGroupFirstInsteadOfWaitingForSqlitesLock()
    {
        await using var database = await CreateAsync();
        await using var grouped = new DbSession(database.Factory);
        await using var holder = new DbSession(database.Factory);

        await grouped.BeginAsync(CancellationToken.None);
        await InsertAsync(grouped, "grouped");
        var holderBegun = holder.BeginAsync(CancellationToken.None);
        await WaitUntilAsync(() => database.Factory.WriteGate.HasWaiters);
        var groupedCommitted = grouped.CommitAsync(CancellationToken.None);
        await holderBegun.WaitAsync(Long);

        // Queued ahead of the group's committer (urgent), it finds SQLite's write lock held by the open group.
        var lone = database.Factory.WriteGate.WriteAsync(
            WritePriority.Urgent,
            async () =>
            {
                await using var connection = await database.Factory.OpenAsync(CancellationToken.None);
                return await connection.ExecuteAsync("INSERT INTO scratch (name) VALUES ('lone')");
            },
            CancellationToken.None);
        await WaitUntilAsync(() => database.Factory.WriteGate.WaiterCount == 2); // the group's committer and the lone write
        await holder.RollbackAsync(CancellationToken.None);

        Assert.Equal(1, await lone.WaitAsync(Long)); // well inside SQLite's 30 s busy timeout
        await groupedCommitted.WaitAsync(Long);
        Assert.Equal(["grouped", "lone"], await StoredAsync(database));
    }

    [Fact]
    public async Task WhenTheSharedCommitFails_EveryUnitOfTheGroupSeesTheFailure_AndNothingIsStored()
    {
        await using var database = await CreateAsync();
        await using var innocent = new DbSession(database.Factory);
        await using var breaking = new DbSession(database.Factory);

        var innocentFollowedUp = false;
        await innocent.BeginAsync(CancellationToken.None);
        await InsertAsync(innocent, "innocent");
        innocent.OnCommitted(() => innocentFollowedUp = true);
        var breakingBegun = breaking.BeginAsync(CancellationToken.None);
        await WaitUntilAsync(() => database.Factory.WriteGate.HasWaiters);
        var innocentCommitted = innocent.CommitAsync(CancellationToken.None);
        await breakingBegun.WaitAsync(Long);

        // A deferred foreign key is checked at COMMIT: the shared commit fails after both units were released into it.
        await breaking.ExecuteAsync("INSERT INTO scratch_child (parent) VALUES ('nobody')", null, CancellationToken.None);
        await Assert.ThrowsAnyAsync<DbException>(() => breaking.CommitAsync(CancellationToken.None).WaitAsync(Long));
        await Assert.ThrowsAnyAsync<DbException>(() => innocentCommitted.WaitAsync(Long)); // a database error: retried, not parked

        Assert.Empty(await StoredAsync(database));
        Assert.False(innocentFollowedUp);

        // The same scope again: what was to follow the failed commit does not follow this one.
        await innocent.BeginAsync(CancellationToken.None);
        await InsertAsync(innocent, "again");
        await innocent.CommitAsync(CancellationToken.None).WaitAsync(Long);
        Assert.False(innocentFollowedUp);
        await using var after = new DbSession(database.Factory);
        await after.BeginAsync(CancellationToken.None); // the writer is free again
        await InsertAsync(after, "after");
        await after.CommitAsync(CancellationToken.None).WaitAsync(Long);
        Assert.Equal(["again", "after"], await StoredAsync(database));
    }

    [Fact]
    public async Task WhenSqliteEndsTheSharedTransactionItself_TheOtherUnitsFailWithTheDatabasesError_AndTheWriterRecovers()
    {
        await using var database = await CreateAsync();
        await using var innocent = new DbSession(database.Factory);
        await using var breaking = new DbSession(database.Factory);

        await innocent.BeginAsync(CancellationToken.None);
        await InsertAsync(innocent, "innocent");
        var breakingBegun = breaking.BeginAsync(CancellationToken.None);
        await WaitUntilAsync(() => database.Factory.WriteGate.HasWaiters);
        var innocentCommitted = innocent.CommitAsync(CancellationToken.None);
        await breakingBegun.WaitAsync(Long);

        // As an I/O error or an OR ROLLBACK conflict would: the transaction ends under the group; its savepoint is gone.
        await breaking.ExecuteAsync("ROLLBACK", null, CancellationToken.None);
        await Assert.ThrowsAnyAsync<Exception>(() => breaking.CommitAsync(CancellationToken.None).WaitAsync(Long));
        await Assert.ThrowsAnyAsync<DbException>(() => innocentCommitted.WaitAsync(Long)); // a database error: retried, not parked

        Assert.Empty(await StoredAsync(database));
        await using var after = new DbSession(database.Factory);
        await after.BeginAsync(CancellationToken.None);
        await InsertAsync(after, "after");
        await after.CommitAsync(CancellationToken.None).WaitAsync(Long);
        Assert.Equal(["after"], await StoredAsync(database));
    }

    private static async Task<TestDatabase> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var connection = await database.Factory.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            CREATE TABLE scratch (name TEXT NOT NULL UNIQUE);
            CREATE TABLE scratch_child (parent TEXT NOT NULL REFERENCES scratch (name) DEFERRABLE INITIALLY DEFERRED);
            """);
        return database;
    }

    private static Task<int> InsertAsync(DbSession session, string name) =>
        session.ExecuteAsync("INSERT INTO scratch (name) VALUES (@Name)", new { Name = name }, CancellationToken.None);

    private static async Task<List<string>> StoredAsync(TestDatabase database)
    {
        await using var connection = await database.Factory.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<string>("SELECT name FROM scratch ORDER BY rowid")).AsList();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Long;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true");
            await Task.Delay(5);
        }
    }
}
