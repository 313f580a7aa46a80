using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Core.Teams;

namespace CodeStream.Integrations.Domain.UnitTests.Teams;

public sealed class TeamTests
{
    private static readonly DateTimeOffset Now = new(2025, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_WhenNameHasSurroundingSpaces_TrimsIt()
    {
        var team = Team.Create("  Acme  ", Now);

        Assert.Equal("Acme", team.Name);
        Assert.Equal(Now, team.CreatedAt);
        Assert.StartsWith("team_", team.Id.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Create_WhenNameIsBlank_Throws(string? name) =>
        Assert.Throws<DomainException>(() => Team.Create(name!, Now));

    [Fact]
    public void Create_WhenNameIsTooLong_Throws() =>
        Assert.Throws<DomainException>(() => Team.Create(new string('a', Team.MaxNameLength + 1), Now));

    [Fact]
    public void Create_WhenNameIsExactlyMaxLength_Succeeds() =>
        Assert.Equal(Team.MaxNameLength, Team.Create(new string('a', Team.MaxNameLength), Now).Name.Length);

    [Fact]
    public void Create_WhenCalledTwice_GivesDistinctIds() =>
        Assert.NotEqual(Team.Create("Acme", Now).Id, Team.Create("Acme", Now).Id);
}
