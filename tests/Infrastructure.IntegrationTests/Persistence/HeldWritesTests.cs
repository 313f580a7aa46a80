using CodeStream.Integrations.Infrastructure.IntegrationTests.Support;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// Held writes (<see cref="DbSessionCommands.ExecuteHeldAsync"/>): on PostgreSQL they travel with the transaction's next
/// statement; on either database the transaction means exactly what it would without holding.
/// </summary>
public sealed class HeldWritesTests : DatabaseTest
{
    private const string InsertTeam = "INSERT INTO teams (id, name, created_at) VALUES (@Id, @Name, @CreatedAt)";
    private const string InsertTeamOnce = "INSERT INTO teams (id, name, created_at) VALUES (@Id, @Name, @CreatedAt) ON CONFLICT DO NOTHING";
    private const string CountTeams = "SELECT id FROM teams WHERE id = @Id OR name = @Name";

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task HeldWrites_AreSeenByTheTransactionsNextStatements_AndCommitWithIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var session = new DbSession(database.Factory))
        {
            await session.BeginAsync(CancellationToken.None);
            await session.ExecuteHeldAsync(InsertTeam, new { Id = "t1", Name = "one", CreatedAt = 1L }, CancellationToken.None);
            await session.ExecuteHeldAsync(InsertTeam, new[] { new { Id = "t2", Name = "two", CreatedAt = 2L }, new { Id = "t3", Name = "three", CreatedAt = 3L } }, CancellationToken.None);

            // A write whose count is read travels with them, and counts only its own rows.
            Assert.Equal(0, await session.ExecuteAsync(InsertTeamOnce, new { Id = "t1", Name = "again", CreatedAt = 4L }, CancellationToken.None));
            await session.ExecuteHeldAsync(InsertTeam, new { Id = "t4", Name = "four", CreatedAt = 4L }, CancellationToken.None);
            Assert.Equal(2, await session.CountRowsAsync(CountTeams, new { Id = "t4", Name = "two" }, CancellationToken.None));

            await session.ExecuteHeldAsync(InsertTeam, new { Id = "t5", Name = "five", CreatedAt = 5L }, CancellationToken.None);
            var names = await session.QueryAsync<string>("SELECT name FROM teams ORDER BY id", null, CancellationToken.None);
            Assert.Equal(["one", "two", "three", "four", "five"], names);

            await session.ExecuteHeldAsync(InsertTeam, new { Id = "t6", Name = "six", CreatedAt = 6L }, CancellationToken.None); // sent by the commit
            await session.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(6, await database.CountAsync("teams"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ARollback_DropsWhatWasHeld_AndTheNextTransactionStartsClean(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var session = new DbSession(database.Factory))
        {
            await session.BeginAsync(CancellationToken.None);
            await session.ExecuteHeldAsync(InsertTeam, new { Id = "t1", Name = "dropped", CreatedAt = 1L }, CancellationToken.None);
            await session.RollbackAsync(CancellationToken.None);

            await session.BeginAsync(CancellationToken.None);
            await session.ExecuteHeldAsync(InsertTeam, new { Id = "t2", Name = "kept", CreatedAt = 2L }, CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }

        await using var reader = new DbSession(database.Factory);
        Assert.Equal(["kept"], await reader.QueryAsync<string>("SELECT name FROM teams", null, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task AHeldWriteThatFails_FailsTheStatementItTravelsWith_AndNothingCommits(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var session = new DbSession(database.Factory))
        {
            await session.BeginAsync(CancellationToken.None);
            await session.ExecuteHeldAsync(InsertTeam, new { Id = "t1", Name = "first", CreatedAt = 1L }, CancellationToken.None);
            var twin = session.ExecuteHeldAsync(InsertTeam, new { Id = "t1", Name = "twin", CreatedAt = 2L }, CancellationToken.None);
            if (provider == DatabaseProvider.Postgres)
            {
                await twin; // held: the duplicate key is found when it is sent
                await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => session.CountRowsAsync(CountTeams, new { Id = "t1", Name = "x" }, CancellationToken.None));
            }
            else
            {
                await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => twin); // SQLite runs it at once
            }

            await session.RollbackAsync(CancellationToken.None);
        }

        Assert.Equal(0, await database.CountAsync("teams"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TheCountOfAHeldWrite_ReachesItsCallback_OnceSent(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var counts = new List<int>();
        await using var session = new DbSession(database.Factory);
        await session.BeginAsync(CancellationToken.None);
        await session.ExecuteHeldAsync(InsertTeamOnce, new { Id = "t1", Name = "one", CreatedAt = 1L }, CancellationToken.None, counts.Add);
        await session.ExecuteHeldAsync(InsertTeamOnce, new { Id = "t1", Name = "twin", CreatedAt = 2L }, CancellationToken.None, counts.Add);
        await session.ExecuteHeldAsync(InsertTeamOnce, new SqlArguments().Add("Id", "t2").Add("Name", "two").Add("CreatedAt", 3L), CancellationToken.None, counts.Add);
        await session.CommitAsync(CancellationToken.None);

        Assert.Equal([1, 0, 1], counts);
        Assert.Equal(2, await database.CountAsync("teams"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ASendThatNeverReachedTheServer_StopsTheCommit_SoTheHeldWritesAreNotLostSilently(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var session = new DbSession(database.Factory))
        {
            await session.BeginAsync(CancellationToken.None);
            await session.ExecuteHeldAsync(InsertTeam, new { Id = "t1", Name = "held", CreatedAt = 1L }, CancellationToken.None);
            using var cancelled = new CancellationTokenSource();
            await cancelled.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => session.ExecuteAsync(InsertTeamOnce, new { Id = "t2", Name = "cancelled", CreatedAt = 2L }, cancelled.Token));

            if (provider == DatabaseProvider.Postgres)
            {
                // The cancelled send took the held write with it: committing now would drop it without a word.
                await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => session.CommitAsync(CancellationToken.None));
                await session.RollbackAsync(CancellationToken.None);
            }
            else
            {
                await session.CommitAsync(CancellationToken.None); // SQLite ran the first write at once
            }
        }

        Assert.Equal(provider == DatabaseProvider.Postgres ? 0 : 1, await database.CountAsync("teams"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task SqlOfSeveralStatements_AfterAHeldWrite_RunsOnItsOwn_AfterIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var session = new DbSession(database.Factory))
        {
            await session.BeginAsync(CancellationToken.None);
            await session.ExecuteHeldAsync(InsertTeam, new { Id = "t1", Name = "one", CreatedAt = 1L }, CancellationToken.None);
            await session.ExecuteAsync(
                "UPDATE teams SET name = 'renamed' WHERE id = @Id; UPDATE teams SET created_at = 9 WHERE id = @Id;", new { Id = "t1" }, CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }

        await using var reader = new DbSession(database.Factory);
        Assert.Equal(["renamed 9"], await reader.QueryAsync<string>("SELECT name || ' ' || created_at FROM teams", null, CancellationToken.None));
    }
}
