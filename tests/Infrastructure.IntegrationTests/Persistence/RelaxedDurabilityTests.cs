using CodeStream.Integrations.Infrastructure.IntegrationTests.Support;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// <see cref="DbSession.RelaxedDurability"/>: on PostgreSQL a relaxed scope's transactions commit without waiting for
/// the disk, and only they do (the setting is local to each transaction, on pooled connections reused by others); on
/// either database what they commit is the same.
/// </summary>
public sealed class RelaxedDurabilityTests : DatabaseTest
{
    private const string InsertTeam = "INSERT INTO teams (id, name, created_at) VALUES (@Id, @Name, @CreatedAt)";

    [SkippableFact]
    public async Task ARelaxedScopesTransactions_CommitWithoutWaitingForTheDisk_AndNothingElseDoes()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using (var relaxed = new DbSession(database.Factory) { RelaxedDurability = true })
        {
            for (var i = 0; i < 2; i++)
            {
                await relaxed.BeginAsync(CancellationToken.None);
                await relaxed.ExecuteHeldAsync(InsertTeam, new { Id = $"t{i}", Name = $"team {i}", CreatedAt = 1L }, CancellationToken.None);
                Assert.Equal("off", await SettingAsync(relaxed));
                await relaxed.CommitAsync(CancellationToken.None);
            }

            Assert.Equal("on", await SettingAsync(relaxed)); // outside its transactions, the connection is as it was
        }

        // The pool hands out the same connections again: the next scope must find them waiting for the disk.
        await using var plain = new DbSession(database.Factory);
        await plain.BeginAsync(CancellationToken.None);
        Assert.Equal("on", await SettingAsync(plain));
        await plain.RollbackAsync(CancellationToken.None);
        Assert.Equal(2, await database.CountAsync("teams"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ARelaxedScope_CommitsAndRollsBackAsAnyOther(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var session = new DbSession(database.Factory) { RelaxedDurability = true })
        {
            await session.BeginAsync(CancellationToken.None);
            await session.ExecuteHeldAsync(InsertTeam, new { Id = "kept", Name = "kept", CreatedAt = 1L }, CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);

            await session.BeginAsync(CancellationToken.None);
            await session.ExecuteHeldAsync(InsertTeam, new { Id = "dropped", Name = "dropped", CreatedAt = 2L }, CancellationToken.None);
            await session.RollbackAsync(CancellationToken.None);
        }

        Assert.Equal(["kept"], await database.QueryAsync<string>("SELECT id FROM teams"));
    }

    private static async Task<string> SettingAsync(DbSession session) =>
        (await session.QueryAsync<string>("SHOW synchronous_commit", null, CancellationToken.None)).Single();
}
