using System.Data.Common;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Infrastructure.Core.Persistence;
using CodeStream.Integrations.Infrastructure.IntegrationTests.Support;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Persistence.Repositories;

public sealed class UserRepositoryTests : DatabaseTest
{
    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddAsync_WhenRegisteredUserIsNew_ReturnsTrueAndStoresIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var user = TestData.NewRegisteredUser(team.Id, "Alice.Liddell@Acme.example") with { TimeZone = "America/New_York" };

        await using (var session = new DbSession(database.Factory))
        {
            Assert.True(await new UserRepository(session).TryAddAsync(user, CancellationToken.None));
        }

        await using var reader = new DbSession(database.Factory);
        var stored = await new UserRepository(reader).GetAsync(user.Id, CancellationToken.None);
        Assert.Equal(user, stored);
        Assert.False(stored!.IsFaux);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddAsync_WhenFauxUserIsNew_StoresItWithExternalUserId(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var identity = TestData.NewSlackIdentity("U0BOB");
        var faux = TestData.NewFauxUser(team.Id, identity, email: "bob@acme.example");

        await using (var session = new DbSession(database.Factory))
        {
            Assert.True(await new UserRepository(session).TryAddAsync(faux, CancellationToken.None));
        }

        await using var reader = new DbSession(database.Factory);
        var stored = await new UserRepository(reader).GetAsync(faux.Id, CancellationToken.None);
        Assert.Equal(faux, stored);
        Assert.True(stored!.IsFaux);
        Assert.Equal($"slack::{team.Id.Value}::{TestData.SlackTeam}::U0BOB", stored.ExternalUserId);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddAsync_WhenFauxUserHasNoEmailOrTimeZone_StoresNulls(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var faux = TestData.NewFauxUser(team.Id, TestData.NewSlackIdentity("U0BOB")) with { TimeZone = null };
        await using var session = new DbSession(database.Factory);
        var users = new UserRepository(session);

        Assert.True(await users.TryAddAsync(faux, CancellationToken.None));

        var stored = await users.GetAsync(faux.Id, CancellationToken.None);
        Assert.Equal(faux, stored);
        Assert.Null(stored!.Email);
        Assert.Null(stored.TimeZone);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task GetAsync_WhenUserDoesNotExist_ReturnsNull(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        await Seed.UserAsync(database, team.Id, "alice@acme.example");
        await using var session = new DbSession(database.Factory);

        Assert.Null(await new UserRepository(session).GetAsync(UserId.New(DateTimeOffset.UtcNow), CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ListByTeamAsync_WhenTeamsHaveUsers_ReturnsOnlyThatTeamsUsersOldestFirst(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var otherTeam = await Seed.TeamAsync(database, "Other");
        var newest = await Seed.UserAsync(database, team.Id, "carol@acme.example", "carol", createdAtSecond: 30);
        var oldest = await Seed.UserAsync(database, team.Id, "alice@acme.example", "alice", createdAtSecond: 10);
        await Seed.UserAsync(database, otherTeam.Id, "dave@other.example", "dave", createdAtSecond: 0);
        var faux = TestData.NewFauxUser(team.Id, TestData.NewSlackIdentity("U0BOB"), createdAtSecond: 20);
        await using var session = new DbSession(database.Factory);
        var users = new UserRepository(session);
        Assert.True(await users.TryAddAsync(faux, CancellationToken.None));

        var listed = await users.ListByTeamAsync(team.Id, CancellationToken.None);

        Assert.Equal([oldest, faux, newest], listed);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ListByTeamAsync_WhenTeamHasNoUsers_ReturnsEmpty(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var otherTeam = await Seed.TeamAsync(database, "Other");
        await Seed.UserAsync(database, otherTeam.Id, "dave@other.example");
        await using var session = new DbSession(database.Factory);

        Assert.Empty(await new UserRepository(session).ListByTeamAsync(team.Id, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task FindRegisteredByEmailAsync_WhenEmailDiffersInCaseAndSpacing_ReturnsUser(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var user = await Seed.UserAsync(database, team.Id, "Alice.Liddell@Acme.example");
        await using var session = new DbSession(database.Factory);
        var users = new UserRepository(session);

        Assert.Equal(user, await users.FindRegisteredByEmailAsync(team.Id, "alice.liddell@acme.EXAMPLE", CancellationToken.None));
        Assert.Equal(user, await users.FindRegisteredByEmailAsync(team.Id, "  ALICE.LIDDELL@ACME.EXAMPLE ", CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task FindRegisteredByEmailAsync_WhenNoRegisteredUserHasEmail_ReturnsNull(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        await Seed.UserAsync(database, team.Id, "alice@acme.example");
        await using var session = new DbSession(database.Factory);

        Assert.Null(await new UserRepository(session).FindRegisteredByEmailAsync(team.Id, "alicia@acme.example", CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task FindRegisteredByEmailAsync_WhenOnlyFauxUserHasEmail_ReturnsNull(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var faux = TestData.NewFauxUser(team.Id, TestData.NewSlackIdentity("U0BOB"), email: "bob@acme.example");
        await using var session = new DbSession(database.Factory);
        var users = new UserRepository(session);
        Assert.True(await users.TryAddAsync(faux, CancellationToken.None));

        Assert.Null(await users.FindRegisteredByEmailAsync(team.Id, "bob@acme.example", CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task FindRegisteredByEmailAsync_WhenUserIsInAnotherTeam_ReturnsNull(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var otherTeam = await Seed.TeamAsync(database, "Other");
        await Seed.UserAsync(database, otherTeam.Id, "alice@acme.example");
        await using var session = new DbSession(database.Factory);

        Assert.Null(await new UserRepository(session).FindRegisteredByEmailAsync(team.Id, "alice@acme.example", CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task FindByExternalIdAsync_WhenFauxUserExists_ReturnsItOnlyInItsTeam(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var otherTeam = await Seed.TeamAsync(database, "Other");
        var faux = TestData.NewFauxUser(team.Id, TestData.NewSlackIdentity("U0BOB"));
        await using var session = new DbSession(database.Factory);
        var users = new UserRepository(session);
        Assert.True(await users.TryAddAsync(faux, CancellationToken.None));

        Assert.Equal(faux, await users.FindByExternalIdAsync(team.Id, faux.ExternalUserId!, CancellationToken.None));
        Assert.Null(await users.FindByExternalIdAsync(otherTeam.Id, faux.ExternalUserId!, CancellationToken.None));
        Assert.Null(await users.FindByExternalIdAsync(team.Id, faux.ExternalUserId!.ToUpperInvariant(), CancellationToken.None));
        Assert.Null(await users.FindByExternalIdAsync(team.Id, "slack::unknown", CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task FindByUsernamesAsync_WhenNoUsernamesAreGiven_ReturnsEmpty(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        await Seed.UserAsync(database, team.Id, "alice@acme.example");
        await using var session = new DbSession(database.Factory);

        Assert.Empty(await new UserRepository(session).FindByUsernamesAsync(team.Id, [], CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddAsync_WhenTeamHasRegisteredUserWithEmailInOtherCase_ReturnsFalseAndStoresNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var first = await Seed.UserAsync(database, team.Id, "alice@acme.example");
        var second = TestData.NewRegisteredUser(team.Id, "ALICE@Acme.Example", "alice2");
        await using var session = new DbSession(database.Factory);
        var users = new UserRepository(session);

        Assert.False(await users.TryAddAsync(second, CancellationToken.None));

        Assert.Null(await users.GetAsync(second.Id, CancellationToken.None));
        Assert.Equal([first], await users.ListByTeamAsync(team.Id, CancellationToken.None));
        Assert.Equal(first, await users.FindRegisteredByEmailAsync(team.Id, "Alice@acme.example", CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddAsync_WhenEmailIsRegisteredInAnotherTeam_ReturnsTrue(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var otherTeam = await Seed.TeamAsync(database, "Other");
        var first = await Seed.UserAsync(database, team.Id, "alice@acme.example");
        var second = TestData.NewRegisteredUser(otherTeam.Id, "ALICE@acme.example");
        await using var session = new DbSession(database.Factory);
        var users = new UserRepository(session);

        Assert.True(await users.TryAddAsync(second, CancellationToken.None));

        Assert.Equal(first, await users.FindRegisteredByEmailAsync(team.Id, "alice@acme.example", CancellationToken.None));
        Assert.Equal(second, await users.FindRegisteredByEmailAsync(otherTeam.Id, "alice@acme.example", CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddAsync_WhenFauxUserHasRegisteredUsersEmail_ReturnsTrue(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var registered = await Seed.UserAsync(database, team.Id, "alice@acme.example");
        var faux = TestData.NewFauxUser(team.Id, TestData.NewSlackIdentity("U0ALICE"), email: "Alice@ACME.example");
        var secondFaux = TestData.NewFauxUser(team.Id, TestData.NewSlackIdentity("U0ALICE2"), email: "alice@acme.example");
        await using var session = new DbSession(database.Factory);
        var users = new UserRepository(session);

        Assert.True(await users.TryAddAsync(faux, CancellationToken.None));
        Assert.True(await users.TryAddAsync(secondFaux, CancellationToken.None));

        Assert.Equal(3, (await users.ListByTeamAsync(team.Id, CancellationToken.None)).Count);
        Assert.Equal(registered, await users.FindRegisteredByEmailAsync(team.Id, "alice@acme.example", CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddAsync_WhenRegisteredUserHasFauxUsersEmail_ReturnsTrue(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var faux = TestData.NewFauxUser(team.Id, TestData.NewSlackIdentity("U0ALICE"), email: "alice@acme.example");
        var registered = TestData.NewRegisteredUser(team.Id, "ALICE@acme.example");
        await using var session = new DbSession(database.Factory);
        var users = new UserRepository(session);
        Assert.True(await users.TryAddAsync(faux, CancellationToken.None));

        Assert.True(await users.TryAddAsync(registered, CancellationToken.None));

        Assert.Equal(registered, await users.FindRegisteredByEmailAsync(team.Id, "alice@acme.example", CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddAsync_WhenFauxUserWithSameExternalUserIdExists_ReturnsFalse(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var identity = TestData.NewSlackIdentity("U0BOB");
        var first = TestData.NewFauxUser(team.Id, identity, email: "bob@acme.example");
        var second = TestData.NewFauxUser(team.Id, identity, email: "robert@acme.example", createdAtSecond: 5);
        await using var session = new DbSession(database.Factory);
        var users = new UserRepository(session);
        Assert.True(await users.TryAddAsync(first, CancellationToken.None));

        Assert.False(await users.TryAddAsync(second, CancellationToken.None));

        Assert.Null(await users.GetAsync(second.Id, CancellationToken.None));
        Assert.Equal(first, await users.FindByExternalIdAsync(team.Id, first.ExternalUserId!, CancellationToken.None));
        Assert.Equal(1, await database.CountAsync("users"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddAsync_WhenExternalUserIdIsTakenInAnotherTeam_ReturnsTrue(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var otherTeam = await Seed.TeamAsync(database, "Other");
        var first = TestData.NewFauxUser(team.Id, TestData.NewSlackIdentity("U0BOB"));
        var second = first with { Id = UserId.New(DateTimeOffset.UtcNow), TeamId = otherTeam.Id };
        await using var session = new DbSession(database.Factory);
        var users = new UserRepository(session);
        Assert.True(await users.TryAddAsync(first, CancellationToken.None));

        Assert.True(await users.TryAddAsync(second, CancellationToken.None));

        Assert.Equal(second, await users.FindByExternalIdAsync(otherTeam.Id, first.ExternalUserId!, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddAsync_WhenTeamDoesNotExist_ThrowsForeignKeyViolation(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var user = TestData.NewRegisteredUser(TeamId.New(DateTimeOffset.UtcNow), "alice@acme.example");
        await using var session = new DbSession(database.Factory);

        await Assert.ThrowsAnyAsync<DbException>(() => new UserRepository(session).TryAddAsync(user, CancellationToken.None));

        Assert.Equal(0, await database.CountAsync("users"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddAsync_WhenSessionsRegisterSameEmailConcurrently_ExactlyOneSucceeds(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var attempt = 0;

        var results = await Concurrently.RunAsync(database, inUnitOfWork: true, session =>
        {
            var n = Interlocked.Increment(ref attempt);
            var email = n % 2 == 0 ? "alice@acme.example" : "ALICE@ACME.EXAMPLE";
            return new UserRepository(session).TryAddAsync(TestData.NewRegisteredUser(team.Id, email, $"alice{n}"), CancellationToken.None);
        });

        Assert.Single(results, added => added);
        Assert.Equal(1, await database.CountAsync("users"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task FindByUsernamesAsync_WhenUsernamesDifferInCase_ReturnsTheTeamsMatchingUsers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var otherTeam = await Seed.TeamAsync(database, "Other");
        var alice = await Seed.UserAsync(database, team.Id, "alice@acme.example", "Alice");
        var carol = await Seed.UserAsync(database, team.Id, "carol@acme.example", "carol.c", createdAtSecond: 1);
        await Seed.UserAsync(database, team.Id, "dave@acme.example", "dave", createdAtSecond: 2);
        await Seed.UserAsync(database, otherTeam.Id, "alice@other.example", "alice");
        var faux = TestData.NewFauxUser(team.Id, TestData.NewSlackIdentity("U0BOB"));
        await using var session = new DbSession(database.Factory);
        var users = new UserRepository(session);
        Assert.True(await users.TryAddAsync(faux, CancellationToken.None));

        var found = await users.FindByUsernamesAsync(team.Id, ["ALICE", "alice", "Carol.C", "BOB.slack", "nobody", "%"], CancellationToken.None);

        Assert.Equal(
            DomainAssert.Sorted([alice.Id, carol.Id, faux.Id]),
            DomainAssert.Sorted(found.Select(user => user.Id)));
        Assert.Equal(alice, found.Single(user => user.Id == alice.Id));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task FindByUsernamesAsync_WhenUsernameIsNotAscii_FindsItIgnoringCase(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var jose = await Seed.UserAsync(database, team.Id, "jose@acme.example", "José.Ärger");
        await using var session = new DbSession(database.Factory);

        var found = await new UserRepository(session).FindByUsernamesAsync(team.Id, ["josé.ärger"], CancellationToken.None);

        Assert.Equal(jose.Id, Assert.Single(found).Id);
    }
}
