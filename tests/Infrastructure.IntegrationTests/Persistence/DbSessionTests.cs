using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Infrastructure.Core.Persistence;
using CodeStream.Integrations.Infrastructure.IntegrationTests.Support;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.Infrastructure.Slack.Persistence;
using CodeStream.Integrations.TestSupport.Databases;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Persistence;

/// <summary>The unit of work: one transaction that every repository of the session takes part in.</summary>
public sealed class DbSessionTests : DatabaseTest
{
    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ForbidWritesOutsideTransactions_RefusesALoneWrite_ButNotAWriteInATransaction(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var refused = TestData.NewTeam();
        var stored = TestData.NewTeam();

        await using (var session = new DbSession(database.Factory))
        using (session.ForbidWritesOutsideTransactions())
        {
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => new TeamRepository(session).AddAsync(refused, CancellationToken.None));
            Assert.Contains("belong to a command", failure.Message, StringComparison.Ordinal);

            // A command sent from the flow: its own transaction.
            await session.BeginAsync(CancellationToken.None);
            await new TeamRepository(session).AddAsync(stored, CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }

        await using var reader = new DbSession(database.Factory);
        Assert.Null(await new TeamRepository(reader).GetAsync(refused.Id, CancellationToken.None));
        Assert.Equal(stored, await new TeamRepository(reader).GetAsync(stored.Id, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task RollbackAsync_WhenUnitOfWorkWroteRows_DiscardsThem(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = TestData.NewTeam();

        await using (var session = new DbSession(database.Factory))
        {
            await session.BeginAsync(CancellationToken.None);
            await new TeamRepository(session).AddAsync(team, CancellationToken.None);
            await session.RollbackAsync(CancellationToken.None);
        }

        await using var reader = new DbSession(database.Factory);
        Assert.Null(await new TeamRepository(reader).GetAsync(team.Id, CancellationToken.None));
        Assert.Equal(0, await database.CountAsync("teams"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task CommitAsync_WhenUnitOfWorkWroteRows_MakesThemVisibleToOtherSessions(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = TestData.NewTeam();

        await using (var session = new DbSession(database.Factory))
        {
            await session.BeginAsync(CancellationToken.None);
            await new TeamRepository(session).AddAsync(team, CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }

        await using var reader = new DbSession(database.Factory);
        Assert.Equal(team, await new TeamRepository(reader).GetAsync(team.Id, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task BeginAsync_WhenUnitOfWorkIsOpen_ItsWritesAreVisibleOnlyInsideIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = TestData.NewTeam();
        await using var writer = new DbSession(database.Factory);
        await using var reader = new DbSession(database.Factory);

        await writer.BeginAsync(CancellationToken.None);
        await new TeamRepository(writer).AddAsync(team, CancellationToken.None);

        Assert.Equal(team, await new TeamRepository(writer).GetAsync(team.Id, CancellationToken.None));
        Assert.Null(await new TeamRepository(reader).GetAsync(team.Id, CancellationToken.None));

        await writer.CommitAsync(CancellationToken.None);
        Assert.Equal(team, await new TeamRepository(reader).GetAsync(team.Id, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task RollbackAsync_WhenSeveralRepositoriesWrote_DiscardsAllTheirWrites(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = TestData.NewTeam();
        var user = TestData.NewRegisteredUser(team.Id, "alice@acme.example");
        var codemark = TestData.NewCodemark(team.Id, user.Id, [TestData.NewMarker("src/a.cs", 1, 2)]);
        var reply = TestData.NewReply(codemark, user.Id, "A reply", TestData.At(1), [user.Id]);
        var share = TestData.NewShare(codemark, user.Id);
        var copy = TestData.NewMessageCopy(reply.Id);
        var link = TestData.NewLink(TestData.NewSlackIdentity(), team.Id, user.Id);

        await using (var session = new DbSession(database.Factory))
        {
            await session.BeginAsync(CancellationToken.None);
            await new TeamRepository(session).AddAsync(team, CancellationToken.None);
            Assert.True(await new UserRepository(session).TryAddAsync(user, CancellationToken.None));
            await new CodemarkRepository(session).AddAsync(codemark, CancellationToken.None);
            await new ReplyRepository(session).AddAsync(reply, CancellationToken.None);
            var shares = new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System));
            Assert.True(await shares.TryAddShareAsync(share, CancellationToken.None));
            Assert.True(await shares.TryAddMessageCopyAsync(copy, CancellationToken.None));
            Assert.True(await new SlackIdentityRepository(session).TryLinkAsync(link, CancellationToken.None));
            await session.RollbackAsync(CancellationToken.None);
        }

        foreach (var table in (await database.TableNamesAsync()).Where(name => name != "schemaversions"))
        {
            Assert.True(await database.CountAsync(table) == 0, $"Table {table} kept rows of a rolled-back unit of work.");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task CommitAsync_WhenSeveralRepositoriesWrote_StoresAllTheirWrites(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = TestData.NewTeam();
        var user = TestData.NewRegisteredUser(team.Id, "alice@acme.example");
        var codemark = TestData.NewCodemark(team.Id, user.Id, [TestData.NewMarker("src/a.cs", 1, 2)]);
        var reply = TestData.NewReply(codemark, user.Id, "A reply", TestData.At(1), [user.Id]);

        await using (var session = new DbSession(database.Factory))
        {
            await session.BeginAsync(CancellationToken.None);
            await new TeamRepository(session).AddAsync(team, CancellationToken.None);
            Assert.True(await new UserRepository(session).TryAddAsync(user, CancellationToken.None));
            await new CodemarkRepository(session).AddAsync(codemark, CancellationToken.None);
            await new ReplyRepository(session).AddAsync(reply, CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }

        await using var reader = new DbSession(database.Factory);
        Assert.Equal(user, await new UserRepository(reader).GetAsync(user.Id, CancellationToken.None));
        DomainAssert.Equal(codemark, await new CodemarkRepository(reader).GetAsync(codemark.Id, CancellationToken.None));
        DomainAssert.Equal(reply, await new ReplyRepository(reader).GetAsync(reply.Id, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task DisposeAsync_WhenUnitOfWorkWasNotCommitted_DiscardsItsWrites(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = TestData.NewTeam();

        await using (var session = new DbSession(database.Factory))
        {
            await session.BeginAsync(CancellationToken.None);
            await new TeamRepository(session).AddAsync(team, CancellationToken.None);
        }

        Assert.Equal(0, await database.CountAsync("teams"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Dispose_WhenUnitOfWorkWasNotCommitted_DiscardsItsWrites(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = TestData.NewTeam();
        var session = new DbSession(database.Factory);
        await session.BeginAsync(CancellationToken.None);
        await new TeamRepository(session).AddAsync(team, CancellationToken.None);

        session.Dispose();

        Assert.Null(session.Transaction);
        Assert.Equal(0, await database.CountAsync("teams"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task InTransactionAsync_WhenWorkSucceeds_CommitsAndReturnsItsResult(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = TestData.NewTeam();
        await using var session = new DbSession(database.Factory);

        var result = await session.InTransactionAsync(
            async () =>
            {
                await new TeamRepository(session).AddAsync(team, CancellationToken.None);
                return 42;
            },
            CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Null(session.Transaction);
        Assert.Equal(1, await database.CountAsync("teams"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task InTransactionAsync_WhenWorkThrows_RollsBackAndRethrows(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var session = new DbSession(database.Factory);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => session.InTransactionAsync<int>(
            async () =>
            {
                await new TeamRepository(session).AddAsync(TestData.NewTeam(), CancellationToken.None);
                throw new InvalidOperationException("work failed");
            },
            CancellationToken.None));

        Assert.Equal("work failed", thrown.Message);
        Assert.Null(session.Transaction);
        Assert.Equal(0, await database.CountAsync("teams"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task BeginAsync_WhenUnitOfWorkIsInProgress_ThrowsInvalidOperationException(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var session = new DbSession(database.Factory);
        await session.BeginAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => session.BeginAsync(CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task BeginAsync_AfterRollback_StartsNewUnitOfWork(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var discarded = TestData.NewTeam("Discarded");
        var kept = TestData.NewTeam("Kept");

        await using (var session = new DbSession(database.Factory))
        {
            var teams = new TeamRepository(session);
            await session.BeginAsync(CancellationToken.None);
            await teams.AddAsync(discarded, CancellationToken.None);
            await session.RollbackAsync(CancellationToken.None);

            await session.BeginAsync(CancellationToken.None);
            await teams.AddAsync(kept, CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }

        await using var reader = new DbSession(database.Factory);
        var repository = new TeamRepository(reader);
        Assert.Null(await repository.GetAsync(discarded.Id, CancellationToken.None));
        Assert.Equal(kept, await repository.GetAsync(kept.Id, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task CommitAsync_WhenNoUnitOfWorkIsInProgress_WritesAreAlreadyStored(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = TestData.NewTeam();
        await using var session = new DbSession(database.Factory);

        await new TeamRepository(session).AddAsync(team, CancellationToken.None);
        await session.RollbackAsync(CancellationToken.None);
        await session.CommitAsync(CancellationToken.None);

        Assert.Null(session.Transaction);
        Assert.Equal(1, await database.CountAsync("teams"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task CommitAsync_WhenAnInsertWasRefusedAsDuplicate_StoresTheUnitOfWorksOtherWrites(DatabaseProvider provider)
    {
        // A refused duplicate must not poison the transaction (PostgreSQL aborts a transaction on a raised unique violation).
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        await Seed.UserAsync(database, team.Id, "alice@acme.example");
        var duplicate = TestData.NewRegisteredUser(team.Id, "ALICE@acme.example", "alice2");
        var other = TestData.NewRegisteredUser(team.Id, "carol@acme.example", "carol");

        await using (var session = new DbSession(database.Factory))
        {
            var users = new UserRepository(session);
            await session.BeginAsync(CancellationToken.None);
            Assert.False(await users.TryAddAsync(duplicate, CancellationToken.None));
            Assert.True(await users.TryAddAsync(other, CancellationToken.None));
            await session.CommitAsync(CancellationToken.None);
        }

        await using var reader = new DbSession(database.Factory);
        var stored = await new UserRepository(reader).ListByTeamAsync(team.Id, CancellationToken.None);
        Assert.Equal(["alice@acme.example", "carol@acme.example"], stored.Select(user => user.Email).Order(StringComparer.Ordinal));
    }
}
