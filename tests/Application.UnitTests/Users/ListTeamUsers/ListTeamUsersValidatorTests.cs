using CodeStream.Integrations.Application.Core.Users.ListTeamUsers;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;

namespace CodeStream.Integrations.Application.UnitTests.Users.ListTeamUsers;

public sealed class ListTeamUsersValidatorTests
{
    private readonly ListTeamUsersValidator _validator = new();

    [Fact]
    public void Validate_WhenTeamId_Passes() => ValidationAssert.Valid(_validator.Validate(new ListTeamUsersQuery("team_01")));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("team")]
    [InlineData("cm_01")]
    public void Validate_WhenTeamIdBad_FailsOnTeamId(string? teamId) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new ListTeamUsersQuery(teamId)), "TeamId");
}
