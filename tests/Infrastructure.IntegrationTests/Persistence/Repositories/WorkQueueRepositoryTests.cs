using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Infrastructure.IntegrationTests.Support;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.Infrastructure.WorkQueue;
using CodeStream.Integrations.TestSupport.Databases;
using Microsoft.Extensions.Time.Testing;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Persistence.Repositories;

/// <summary>
/// The work queue's leases in SQL, on both databases, with time the tests move: a claim is fenced by its worker and
/// attempt, a lapsed claim comes back (or is parked once its attempts are used up), a deferral spends no attempt, and
/// lanes are claimed apart.
/// </summary>
public sealed class WorkQueueRepositoryTests : DatabaseTest
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Complete_WhenTheLeaseLapsedAndAnotherWorkerClaimedTheItem_ChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await EnqueueAsync(database, "event-1");
        var first = Assert.Single(await ClaimAsync(database, "worker-a"));
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await WithQueueAsync(database, q => q.ReleaseLapsedAsync(maxAttempts: 8, CancellationToken.None)));
        var second = Assert.Single(await ClaimAsync(database, "worker-b"));

        var stale = await WithQueueAsync(database, q => q.CompleteAsync("worker-a", [Done(first)], CancellationToken.None));
        var fenceHeldByOld = await FenceHoldsAsync(database, new WorkLease(first.Id, "worker-a", first.Attempts));
        var fenceHeldByNew = await FenceHoldsAsync(database, new WorkLease(second.Id, "worker-b", second.Attempts));
        var current = await WithQueueAsync(database, q => q.CompleteAsync("worker-b", [Done(second)], CancellationToken.None));

        Assert.Equal(0, stale);
        Assert.False(fenceHeldByOld);
        Assert.True(fenceHeldByNew);
        Assert.Equal(1, current);
        Assert.Equal((1, 2), (first.Attempts, second.Attempts));
        Assert.Equal("Done", await TextAsync(database, "SELECT state FROM work_items"));
        Assert.Equal(string.Empty, await TextAsync(database, "SELECT payload FROM work_items"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Commit_FencedByALeaseAnotherWorkerTookOver_StoresNothing_AndByTheCurrentLease_StoresItsWrites(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await EnqueueAsync(database, "event-1");
        var first = Assert.Single(await ClaimAsync(database, "worker-a"));
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        await WithQueueAsync(database, q => q.ReleaseLapsedAsync(maxAttempts: 8, CancellationToken.None));
        var second = Assert.Single(await ClaimAsync(database, "worker-b"));
        const string InsertTeam = "INSERT INTO teams (id, name, created_at) VALUES (@Id, @Id, 1)";

        await using (var session = new DbSession(database.Factory) { Fence = WorkQueueRepository.Fence(new WorkLease(first.Id, "worker-a", first.Attempts)) })
        {
            // The stale worker's write is held (PostgreSQL): it travels with the fence and the COMMIT, which never runs.
            await session.BeginAsync(CancellationToken.None);
            await session.ExecuteHeldAsync(InsertTeam, new { Id = "stale" }, CancellationToken.None);
            await Assert.ThrowsAsync<WorkLeaseLostException>(() => session.CommitAsync(CancellationToken.None));
            if (provider == DatabaseProvider.Postgres)
            {
                Assert.Null(session.Transaction); // the failed batch ended it: nothing is left for a rollback to do
            }

            await session.RollbackAsync(CancellationToken.None);

            session.Fence = WorkQueueRepository.Fence(new WorkLease(second.Id, "worker-b", second.Attempts));
            await session.BeginAsync(CancellationToken.None);
            await session.ExecuteHeldAsync(InsertTeam, new { Id = "current" }, CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
            Assert.Null(session.Transaction);
        }

        Assert.Equal(["current"], await database.QueryAsync<string>("SELECT id FROM teams"));
        Assert.Equal(1, await WithQueueAsync(database, q => q.CompleteAsync("worker-b", [Done(second)], CancellationToken.None)));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ReleaseLapsed_WhenAnItemUsedUpItsAttemptsByLapsing_ParksItWithTheReason(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await EnqueueAsync(database, "poison");
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Single(await ClaimAsync(database, $"worker-{attempt}")); // each worker dies holding it
            _clock.Advance(Lease + TimeSpan.FromSeconds(1));
            await WithQueueAsync(database, q => q.ReleaseLapsedAsync(maxAttempts: 3, CancellationToken.None));
        }

        Assert.Empty(await ClaimAsync(database, "worker-4"));
        Assert.Equal("Failed", await TextAsync(database, "SELECT state FROM work_items"));
        Assert.Contains("abandoned", await TextAsync(database, "SELECT result FROM work_items"), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Complete_WhenTheOutcomeIsADeferral_SpendsNoAttemptAndIsDueAtItsTime(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await EnqueueAsync(database, "limited");
        var claimed = Assert.Single(await ClaimAsync(database, "worker-a"));
        var due = _clock.GetUtcNow() + TimeSpan.FromSeconds(30);

        await WithQueueAsync(database, q => q.CompleteAsync(
            "worker-a", [new WorkCompletion(claimed.Id, claimed.Attempts, WorkOutcome.Defer("slack users.info: ratelimited", TimeSpan.FromSeconds(30)), due)], CancellationToken.None));

        Assert.Equal(0, (await database.QueryAsync<long>("SELECT attempts FROM work_items")).Single());
        Assert.Empty(await ClaimAsync(database, "worker-a"));
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Single(await ClaimAsync(database, "worker-a"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Claim_TakesOnlyItsLaneAndRelease_GivesAShutDownWorkersClaimsBackAtOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await EnqueueAsync(database, "event", WorkLane.Background);
        await EnqueueAsync(database, "copy", WorkLane.UserFacing);

        var userFacing = Assert.Single(await ClaimAsync(database, "worker-a", WorkLane.UserFacing));
        var released = await WithQueueAsync(database, q => q.ReleaseAsync("worker-a", CancellationToken.None));
        var again = Assert.Single(await ClaimAsync(database, "worker-b", WorkLane.UserFacing));

        Assert.Equal("copy", userFacing.DedupeKey);
        Assert.Equal(1, released);
        Assert.Equal(1, again.Attempts); // the interrupted attempt did not count
        Assert.Equal("event", Assert.Single(await ClaimAsync(database, "worker-b", WorkLane.Background)).DedupeKey);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task BatchWriter_StoresEachDeliveryOnce_WithItsTextExactly_AndACompletionKeepsItsReasonExactly(DatabaseProvider provider)
    {
        // On SQLite the rows of a round travel as one JSON parameter: every character must come back as it was sent.
        const string Awkward = "{\"text\":\"quote \\\" backslash \\\\ tab\t newline\n é 😀 </script> \\u0000\"}";
        await using var database = await TestDatabase.CreateAsync(provider);
        var writer = new WorkItemBatchWriter(database.Factory, new WorkQueueSignal(), _clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<WorkItemBatchWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        try
        {
            var writes = await Task.WhenAll(
                writer.WriteAsync(new NewWorkItem("test-kind", "awkward", Awkward, WorkLane.Background), CancellationToken.None),
                writer.WriteAsync(new NewWorkItem("test-kind", "awkward", Awkward, WorkLane.Background), CancellationToken.None),
                writer.WriteAsync(new NewWorkItem("test-kind", "plain", "{}", WorkLane.UserFacing), CancellationToken.None));

            Assert.Equal(2, writes.Count(stored => stored)); // the twin is a redelivery
            Assert.False(writes[0] && writes[1]);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }

        Assert.Equal(Awkward, await TextAsync(database, "SELECT payload FROM work_items WHERE dedupe_key = 'awkward'"));
        Assert.Equal("UserFacing", await TextAsync(database, "SELECT lane FROM work_items WHERE dedupe_key = 'plain'"));
        var claimed = Assert.Single(await ClaimAsync(database, "worker-a"));
        const string Reason = "slack said \"no\" \\ é 😀";
        Assert.Equal(1, await WithQueueAsync(database, q => q.CompleteAsync(
            "worker-a", [new WorkCompletion(claimed.Id, claimed.Attempts, WorkOutcome.Failed(Reason), DateTimeOffset.UnixEpoch)], CancellationToken.None)));
        Assert.Equal(Reason, await TextAsync(database, "SELECT result FROM work_items WHERE dedupe_key = 'awkward'"));
        Assert.Equal("Failed", await TextAsync(database, "SELECT state FROM work_items WHERE dedupe_key = 'awkward'"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Renew_ExtendsEveryLeaseOfTheWorker_AndNoOtherWorkers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await EnqueueAsync(database, "a-1");
        await EnqueueAsync(database, "a-2");
        Assert.Equal(2, (await ClaimAsync(database, "worker-a")).Count);
        await EnqueueAsync(database, "b-1");
        Assert.Single(await ClaimAsync(database, "worker-b"));

        _clock.Advance(TimeSpan.FromSeconds(8));
        await WithQueueAsync(database, async q => { await q.RenewAsync("worker-a", Lease, CancellationToken.None); return 0; });
        _clock.Advance(TimeSpan.FromSeconds(8)); // 16 s after the claims: only worker-a's renewed leases still hold

        Assert.Equal(1, await WithQueueAsync(database, q => q.ReleaseLapsedAsync(maxAttempts: 8, CancellationToken.None)));
        Assert.Equal("b-1", await TextAsync(database, "SELECT dedupe_key FROM work_items WHERE state = 'Pending'"));
    }

    [SkippableFact]
    public async Task Renew_OnPostgres_SkipsAnItemWhoseFencedTransactionIsCommitting_AndRenewsItNextTime()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await EnqueueAsync(database, "committing");
        await EnqueueAsync(database, "running");
        var claimed = await ClaimAsync(database, "worker-a");
        var committing = claimed.Single(i => i.DedupeKey == "committing");
        _clock.Advance(TimeSpan.FromSeconds(8));

        // The handler's transaction has passed its fence (the row is locked until it commits).
        await using var handler = new DbSession(database.Factory);
        await handler.BeginAsync(CancellationToken.None);
        await handler.CheckFenceAsync(WorkQueueRepository.Fence(new WorkLease(committing.Id, "worker-a", committing.Attempts)), CancellationToken.None);

        // Waiting for that commit would stall every other fence behind the renewal: it must come back without it.
        var renewal = WithQueueAsync(database, async q => { await q.RenewAsync("worker-a", Lease, CancellationToken.None); return 0; });
        Assert.Same(renewal, await Task.WhenAny(renewal, Task.Delay(TimeSpan.FromSeconds(30))));
        var renewedFirst = await LockedUntilAsync(database);
        await handler.RollbackAsync(CancellationToken.None);
        await WithQueueAsync(database, async q => { await q.RenewAsync("worker-a", Lease, CancellationToken.None); return 0; });
        var renewedNext = await LockedUntilAsync(database);

        var renewedTo = UnixTime.ToMs(_clock.GetUtcNow() + Lease);
        Assert.Equal(renewedTo, renewedFirst["running"]);
        Assert.True(renewedFirst["committing"] < renewedTo, "the row being committed was skipped, not waited for");
        Assert.Equal(renewedTo, renewedNext["committing"]);
    }

    private static async Task<Dictionary<string, long>> LockedUntilAsync(TestDatabase database) =>
        (await database.QueryAsync<(string Key, long LockedUntil)>("SELECT dedupe_key, locked_until FROM work_items"))
        .ToDictionary(row => row.Key, row => row.LockedUntil);

    private static async Task<string?> TextAsync(TestDatabase database, string sql) => (await database.QueryAsync<string?>(sql)).Single();

    private static WorkCompletion Done(WorkItem item) => new(item.Id, item.Attempts, WorkOutcome.Done(), DateTimeOffset.UnixEpoch);

    private Task EnqueueAsync(TestDatabase database, string key, WorkLane lane = WorkLane.Background) =>
        WithQueueAsync(database, q => q.EnqueueAsync(new NewWorkItem("test-kind", key, "{\"text\":\"hello\"}", lane), CancellationToken.None));

    private Task<IReadOnlyList<WorkItem>> ClaimAsync(TestDatabase database, string worker, WorkLane lane = WorkLane.Background) =>
        WithQueueAsync(database, q => q.ClaimAsync(worker, lane, 10, Lease, CancellationToken.None));

    private async Task<bool> FenceHoldsAsync(TestDatabase database, WorkLease lease)
    {
        await using var session = new DbSession(database.Factory);
        await session.BeginAsync(CancellationToken.None);
        try
        {
            await session.CheckFenceAsync(WorkQueueRepository.Fence(lease), CancellationToken.None);
            return true;
        }
        catch (WorkLeaseLostException)
        {
            return false;
        }
        finally
        {
            await session.RollbackAsync(CancellationToken.None);
        }
    }

    private async Task<T> WithQueueAsync<T>(TestDatabase database, Func<WorkQueueRepository, Task<T>> use)
    {
        await using var session = new DbSession(database.Factory);
        return await use(new WorkQueueRepository(session, new WorkQueueSignal(), _clock));
    }
}
