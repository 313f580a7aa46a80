using CodeStream.Integrations.Application.Core.Teams.CreateTeam;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;

namespace CodeStream.Integrations.Application.UnitTests.Teams.CreateTeam;

public sealed class CreateTeamValidatorTests
{
    private readonly CreateTeamValidator _validator = new();

    [Theory]
    [InlineData("Acme")]
    [InlineData("a")]
    public void Validate_WhenNameGiven_Passes(string name) => ValidationAssert.Valid(_validator.Validate(new CreateTeamCommand(name)));

    [Fact]
    public void Validate_WhenNameIsMaxLength_Passes() =>
        ValidationAssert.Valid(_validator.Validate(new CreateTeamCommand(new string('a', 256))));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_WhenNameBlank_FailsOnName(string? name) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new CreateTeamCommand(name)), "Name");

    [Fact]
    public void Validate_WhenNameTooLong_FailsOnName() =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new CreateTeamCommand(new string('a', 257))), "Name");
}
