using System.Data.Common;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using CodeStream.Integrations.Infrastructure.IntegrationTests.Support;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.Infrastructure.Slack.Persistence;
using CodeStream.Integrations.TestSupport.Databases;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Persistence.Repositories;

public sealed class SlackIdentityRepositoryTests : DatabaseTest
{
    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryLinkAsync_WhenSlackUserIsNotLinked_ReturnsTrueAndFindAsyncReturnsLink(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var user = await Seed.UserAsync(database, team.Id, "alice@acme.example");
        var link = TestData.NewLink(TestData.NewSlackIdentity("U0ALICE"), team.Id, user.Id, linkedAtSecond: 42);

        await using (var session = new DbSession(database.Factory))
        {
            Assert.True(await new SlackIdentityRepository(session).TryLinkAsync(link, CancellationToken.None));
        }

        await using var reader = new DbSession(database.Factory);
        Assert.Equal(link, await new SlackIdentityRepository(reader).FindAsync(team.Id, link.Identity, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task FindAsync_WhenSlackUserIsNotLinkedInThatTeam_ReturnsNull(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var otherTeam = await Seed.TeamAsync(database, "Other");
        var user = await Seed.UserAsync(database, team.Id, "alice@acme.example");
        var identity = TestData.NewSlackIdentity("U0ALICE", "T0SLACK01");
        await using var session = new DbSession(database.Factory);
        var links = new SlackIdentityRepository(session);
        Assert.True(await links.TryLinkAsync(TestData.NewLink(identity, team.Id, user.Id), CancellationToken.None));

        Assert.Null(await links.FindAsync(otherTeam.Id, identity, CancellationToken.None));
        Assert.Null(await links.FindAsync(team.Id, TestData.NewSlackIdentity("U0ALICE", "T0SLACK02"), CancellationToken.None));
        Assert.Null(await links.FindAsync(team.Id, TestData.NewSlackIdentity("U0BOB", "T0SLACK01"), CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryLinkAsync_WhenSlackUserIsAlreadyLinkedInTeam_ReturnsFalseAndKeepsFirstLink(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var alice = await Seed.UserAsync(database, team.Id, "alice@acme.example", "alice");
        var bob = await Seed.UserAsync(database, team.Id, "bob@acme.example", "bob");
        var identity = TestData.NewSlackIdentity("U0ALICE");
        var first = TestData.NewLink(identity, team.Id, alice.Id);
        await using var session = new DbSession(database.Factory);
        var links = new SlackIdentityRepository(session);
        Assert.True(await links.TryLinkAsync(first, CancellationToken.None));

        Assert.False(await links.TryLinkAsync(TestData.NewLink(identity, team.Id, bob.Id, linkedAtSecond: 60), CancellationToken.None));
        Assert.False(await links.TryLinkAsync(first, CancellationToken.None));

        Assert.Equal(first, await links.FindAsync(team.Id, identity, CancellationToken.None));
        Assert.Equal(1, await database.CountAsync("slack_identity_links"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryLinkAsync_WhenSlackUserIsLinkedInAnotherTeam_ReturnsTrue(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var otherTeam = await Seed.TeamAsync(database, "Other");
        var alice = await Seed.UserAsync(database, team.Id, "alice@acme.example");
        var aliceElsewhere = await Seed.UserAsync(database, otherTeam.Id, "alice@acme.example");
        var identity = TestData.NewSlackIdentity("U0ALICE");
        var link = TestData.NewLink(identity, team.Id, alice.Id);
        var otherLink = TestData.NewLink(identity, otherTeam.Id, aliceElsewhere.Id);
        await using var session = new DbSession(database.Factory);
        var links = new SlackIdentityRepository(session);
        Assert.True(await links.TryLinkAsync(link, CancellationToken.None));

        Assert.True(await links.TryLinkAsync(otherLink, CancellationToken.None));

        Assert.Equal(link, await links.FindAsync(team.Id, identity, CancellationToken.None));
        Assert.Equal(otherLink, await links.FindAsync(otherTeam.Id, identity, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryLinkAsync_WhenUserLinksSecondSlackAccount_ReturnsTrue(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var alice = await Seed.UserAsync(database, team.Id, "alice@acme.example");
        var work = TestData.NewLink(TestData.NewSlackIdentity("U0ALICE", "T0SLACK01"), team.Id, alice.Id);
        var community = TestData.NewLink(TestData.NewSlackIdentity("W0ALICE", "E0GRID"), team.Id, alice.Id);
        await using var session = new DbSession(database.Factory);
        var links = new SlackIdentityRepository(session);

        Assert.True(await links.TryLinkAsync(work, CancellationToken.None));
        Assert.True(await links.TryLinkAsync(community, CancellationToken.None));

        Assert.Equal(work, await links.FindAsync(team.Id, work.Identity, CancellationToken.None));
        Assert.Equal(community, await links.FindAsync(team.Id, community.Identity, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task LinkOrRefreshAsync_WhenSlackUserIsLinkedToAnotherUser_ReturnsFalseAndNeverMovesTheLink(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var bob = await Seed.UserAsync(database, team.Id, "bob@acme.example");
        var alice = await Seed.UserAsync(database, team.Id, "alice@acme.example");
        var identity = TestData.NewSlackIdentity("U0ALICE");
        var bobs = TestData.NewLink(identity, team.Id, bob.Id, linkedAtSecond: 5);
        await using (var session = new DbSession(database.Factory))
        {
            Assert.True(await new SlackIdentityRepository(session).TryLinkAsync(bobs, CancellationToken.None));
        }

        await using (var session = new DbSession(database.Factory))
        {
            Assert.False(await new SlackIdentityRepository(session).LinkOrRefreshAsync(
                TestData.NewLink(identity, team.Id, alice.Id, linkedAtSecond: 90), CancellationToken.None));
        }

        await using var reader = new DbSession(database.Factory);
        Assert.Equal(bobs, await new SlackIdentityRepository(reader).FindAsync(team.Id, identity, CancellationToken.None));
        Assert.Equal(1, await database.CountAsync("slack_identity_links"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task LinkOrRefreshAsync_WhenSlackUserIsLinkedToTheSameUser_RefreshesLinkedAt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var alice = await Seed.UserAsync(database, team.Id, "alice@acme.example");
        var identity = TestData.NewSlackIdentity("U0ALICE");
        await using (var session = new DbSession(database.Factory))
        {
            Assert.True(await new SlackIdentityRepository(session).TryLinkAsync(TestData.NewLink(identity, team.Id, alice.Id, linkedAtSecond: 5), CancellationToken.None));
        }

        var refreshed = TestData.NewLink(identity, team.Id, alice.Id, linkedAtSecond: 90);
        await using (var session = new DbSession(database.Factory))
        {
            Assert.True(await new SlackIdentityRepository(session).LinkOrRefreshAsync(refreshed, CancellationToken.None));
        }

        await using var reader = new DbSession(database.Factory);
        Assert.Equal(refreshed, await new SlackIdentityRepository(reader).FindAsync(team.Id, identity, CancellationToken.None));
        Assert.Equal(1, await database.CountAsync("slack_identity_links"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task LinkOrRefreshAsync_WhenSlackUserIsNotLinked_CreatesLink(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var alice = await Seed.UserAsync(database, team.Id, "alice@acme.example");
        var link = TestData.NewLink(TestData.NewSlackIdentity("U0ALICE"), team.Id, alice.Id, linkedAtSecond: 3);
        await using var session = new DbSession(database.Factory);
        var links = new SlackIdentityRepository(session);

        Assert.True(await links.LinkOrRefreshAsync(link, CancellationToken.None));

        Assert.Equal(link, await links.FindAsync(team.Id, link.Identity, CancellationToken.None));
        Assert.False(await links.TryLinkAsync(link, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task FindByUsersAsync_WhenNoUserIdsAreGiven_ReturnsEmpty(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var alice = await Seed.UserAsync(database, team.Id, "alice@acme.example");
        await using var session = new DbSession(database.Factory);
        var links = new SlackIdentityRepository(session);
        Assert.True(await links.TryLinkAsync(TestData.NewLink(TestData.NewSlackIdentity(), team.Id, alice.Id), CancellationToken.None));

        Assert.Empty(await links.FindByUsersAsync(team.Id, SlackTeamId.Parse(TestData.SlackTeam), [], CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryLinkAsync_WhenUserDoesNotExist_ThrowsForeignKeyViolation(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        await using var session = new DbSession(database.Factory);
        var link = TestData.NewLink(TestData.NewSlackIdentity(), team.Id, UserId.New(DateTimeOffset.UtcNow));

        await Assert.ThrowsAnyAsync<DbException>(() => new SlackIdentityRepository(session).TryLinkAsync(link, CancellationToken.None));

        Assert.Equal(0, await database.CountAsync("slack_identity_links"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryLinkAsync_WhenSessionsLinkSameSlackUserConcurrently_ExactlyOneSucceeds(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var user = await Seed.UserAsync(database, team.Id, "alice@acme.example");
        var identity = TestData.NewSlackIdentity("U0ALICE");

        var results = await Concurrently.RunAsync(database, inUnitOfWork: true, session =>
            new SlackIdentityRepository(session).TryLinkAsync(TestData.NewLink(identity, team.Id, user.Id), CancellationToken.None));

        Assert.Single(results, added => added);
        Assert.Equal(1, await database.CountAsync("slack_identity_links"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task FindByUsersAsync_WhenUsersAreLinked_ReturnsOnlyTheirLinksInThatWorkspaceAndTeam(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database);
        var otherTeam = await Seed.TeamAsync(database, "Other");
        var alice = await Seed.UserAsync(database, team.Id, "alice@acme.example", "alice");
        var bob = await Seed.UserAsync(database, team.Id, "bob@acme.example", "bob");
        var carol = await Seed.UserAsync(database, team.Id, "carol@acme.example", "carol");
        var dave = await Seed.UserAsync(database, otherTeam.Id, "dave@other.example", "dave");
        var aliceHere = TestData.NewLink(TestData.NewSlackIdentity("U0ALICE", "T0SLACK01"), team.Id, alice.Id);
        var aliceSecondAccount = TestData.NewLink(TestData.NewSlackIdentity("U0ALICE2", "T0SLACK01"), team.Id, alice.Id, linkedAtSecond: 1);
        var bobHere = TestData.NewLink(TestData.NewSlackIdentity("U0BOB", "T0SLACK01"), team.Id, bob.Id);
        var aliceElsewhere = TestData.NewLink(TestData.NewSlackIdentity("U0ALICE", "T0SLACK02"), team.Id, alice.Id);
        var carolHere = TestData.NewLink(TestData.NewSlackIdentity("U0CAROL", "T0SLACK01"), team.Id, carol.Id);
        var daveHere = TestData.NewLink(TestData.NewSlackIdentity("U0DAVE", "T0SLACK01"), otherTeam.Id, dave.Id);
        await using var session = new DbSession(database.Factory);
        var links = new SlackIdentityRepository(session);
        foreach (var link in new[] { aliceHere, aliceSecondAccount, bobHere, aliceElsewhere, carolHere, daveHere })
        {
            Assert.True(await links.TryLinkAsync(link, CancellationToken.None));
        }

        var found = await links.FindByUsersAsync(
            team.Id, SlackTeamId.Parse("T0SLACK01"), [alice.Id, bob.Id, dave.Id, UserId.New(DateTimeOffset.UtcNow)], CancellationToken.None);

        Assert.Equal(3, found.Count);
        Assert.Contains(aliceHere, found);
        Assert.Contains(aliceSecondAccount, found);
        Assert.Contains(bobHere, found);
    }
}
