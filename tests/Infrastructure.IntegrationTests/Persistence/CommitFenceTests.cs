using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Infrastructure.IntegrationTests.Support;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// A scope's commit fence (<see cref="DbSession.Fence"/>): its transactions commit only while it holds. On PostgreSQL
/// the check travels with the held writes and the COMMIT in one round trip, so a failure anywhere in it must still
/// mean exactly one thing: nothing was stored, and the session is ready for its next transaction.
/// </summary>
public sealed class CommitFenceTests : DatabaseTest
{
    private const string InsertTeam = "INSERT INTO teams (id, name, created_at) VALUES (@Id, @Name, @CreatedAt)";

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task AFenceThatHolds_CommitsTheTransactionsWrites_AndReleasesItsRow(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await InsertTeamAsync(database, "gate");
        await using var session = new DbSession(database.Factory) { Fence = GateFence("gate") };
        await session.BeginAsync(CancellationToken.None);
        await HoldTeamAsync(session, "t1");
        await session.CommitAsync(CancellationToken.None);
        Assert.Null(session.Transaction);

        // The fence's row was locked only until the commit, though the session is still open: another transaction may
        // change it now (on PostgreSQL it would wait for the lock, and give up after a second).
        await using var other = new DbSession(database.Factory);
        var moved = await other.InTransactionAsync(
            async () =>
            {
                if (provider == DatabaseProvider.Postgres)
                {
                    await other.ExecuteAsync("SET LOCAL lock_timeout = '1s'", null, CancellationToken.None);
                }

                return await other.ExecuteAsync("UPDATE teams SET name = 'moved' WHERE id = 'gate'", null, CancellationToken.None);
            },
            CancellationToken.None);
        Assert.Equal(1, moved);
        Assert.Equal(["gate", "t1"], await TeamIdsAsync(database));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ABrokenFence_ThrowsItsOwnException_StoresNothing_AndTheNextTransactionStartsClean(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var session = new DbSession(database.Factory) { Fence = GateFence("closed") })
        {
            var broken = await Assert.ThrowsAsync<GateClosedException>(
                () => session.InTransactionAsync(() => HoldTeamAsync(session, "t1"), CancellationToken.None));
            Assert.Equal("closed", broken.Gate);
            Assert.Null(session.Transaction);

            session.Fence = null;
            await session.InTransactionAsync(() => HoldTeamAsync(session, "t2"), CancellationToken.None);
        }

        Assert.Equal(["t2"], await TeamIdsAsync(database));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task AWriteThatFailsAtTheCommit_IsReportedAsItself_NotAsABrokenFence(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await InsertTeamAsync(database, "gate");
        await using (var session = new DbSession(database.Factory) { Fence = GateFence("gate") })
        {
            // On PostgreSQL the duplicate is held and found only when the commit sends it; SQLite finds it at once.
            var failure = await Assert.ThrowsAnyAsync<Exception>(
                () => session.InTransactionAsync(() => HoldTeamAsync(session, "gate"), CancellationToken.None));
            Assert.IsAssignableFrom<System.Data.Common.DbException>(failure);
            Assert.Null(session.Transaction);

            await session.InTransactionAsync(() => HoldTeamAsync(session, "t2"), CancellationToken.None);
        }

        Assert.Equal(["gate", "t2"], await TeamIdsAsync(database));
    }

    private static CommitFence GateFence(string gate) =>
        new("SELECT 1 FROM teams WHERE id = @Gate", new { Gate = gate }, () => new GateClosedException(gate));

    private static async Task<int> HoldTeamAsync(DbSession session, string id)
    {
        await session.ExecuteHeldAsync(InsertTeam, new { Id = id, Name = id, CreatedAt = 1L }, CancellationToken.None);
        return 0;
    }

    private static async Task InsertTeamAsync(TestDatabase database, string id)
    {
        await using var session = new DbSession(database.Factory);
        await session.InTransactionAsync(() => HoldTeamAsync(session, id), CancellationToken.None);
    }

    private static async Task<IReadOnlyList<string>> TeamIdsAsync(TestDatabase database)
    {
        await using var reader = new DbSession(database.Factory);
        return await reader.QueryAsync<string>("SELECT id FROM teams ORDER BY id", null, CancellationToken.None);
    }

    private sealed class GateClosedException(string gate) : Exception($"gate {gate} is closed")
    {
        public string Gate { get; } = gate;
    }
}
