using System.Data.Common;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Infrastructure.Core.Persistence;
using CodeStream.Integrations.Infrastructure.IntegrationTests.Support;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Persistence.Repositories;

public sealed class TeamRepositoryTests : DatabaseTest
{
    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task GetAsync_WhenTeamWasAdded_ReturnsIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = TestData.NewTeam("Ärger & Söhne 'Ltd' \"🚀\"");
        await using (var session = new DbSession(database.Factory))
        {
            await new TeamRepository(session).AddAsync(team, CancellationToken.None);
        }

        await using var reader = new DbSession(database.Factory);
        Assert.Equal(team, await new TeamRepository(reader).GetAsync(team.Id, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task GetAsync_WhenTeamDoesNotExist_ReturnsNull(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Seed.TeamAsync(database);
        await using var session = new DbSession(database.Factory);

        Assert.Null(await new TeamRepository(session).GetAsync(TeamId.New(DateTimeOffset.UtcNow), CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task GetAsync_WhenCreatedAtHasSubMillisecondPrecision_ReturnsItTruncatedToMilliseconds(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var createdAt = new DateTimeOffset(2025, 11, 23, 10, 30, 0, 456, TimeSpan.FromHours(2)).AddTicks(7890);
        var team = TestData.NewTeam() with { CreatedAt = createdAt };
        await using var session = new DbSession(database.Factory);
        var teams = new TeamRepository(session);
        await teams.AddAsync(team, CancellationToken.None);

        var stored = await teams.GetAsync(team.Id, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(new DateTimeOffset(2025, 11, 23, 8, 30, 0, 456, TimeSpan.Zero), stored.CreatedAt);
        Assert.Equal(TimeSpan.Zero, stored.CreatedAt.Offset);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task AddAsync_WhenIdIsTaken_ThrowsAndKeepsFirstTeam(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var team = await Seed.TeamAsync(database, "First");
        await using var session = new DbSession(database.Factory);
        var teams = new TeamRepository(session);

        await Assert.ThrowsAnyAsync<DbException>(() => teams.AddAsync(team with { Name = "Second" }, CancellationToken.None));

        Assert.Equal(team, await teams.GetAsync(team.Id, CancellationToken.None));
    }
}
