using CodeStream.Integrations.Application.Core.Users.AddUser;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;

namespace CodeStream.Integrations.Application.UnitTests.Users.AddUser;

public sealed class AddUserValidatorTests
{
    private readonly AddUserValidator _validator = new();

    [Theory]
    [InlineData("Ada Lovelace")]
    [InlineData(null)]
    [InlineData("")]
    public void Validate_WhenComplete_Passes(string? fullName) =>
        ValidationAssert.Valid(_validator.Validate(new AddUserCommand("team_01", "ada@example.com", "ada", fullName)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("user_01")]
    public void Validate_WhenTeamIdBad_FailsOnTeamId(string? teamId) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new AddUserCommand(teamId, "ada@example.com", "ada", null)), "TeamId");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ada.example.com")]
    [InlineData("ada@")]
    [InlineData("@example.com")]
    public void Validate_WhenEmailBad_FailsOnEmail(string? email) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new AddUserCommand("team_01", email, "ada", null)), "Email");

    [Fact]
    public void Validate_WhenEmailTooLong_FailsOnEmail() =>
        ValidationAssert.FailsOnlyOn(
            _validator.Validate(new AddUserCommand("team_01", new string('a', 320) + "@x.io", "ada", null)), "Email");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_WhenUsernameBlank_FailsOnUsername(string? username) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new AddUserCommand("team_01", "ada@example.com", username, null)), "Username");

    [Fact]
    public void Validate_WhenUsernameTooLong_FailsOnUsername() =>
        ValidationAssert.FailsOnlyOn(
            _validator.Validate(new AddUserCommand("team_01", "ada@example.com", new string('u', 257), null)), "Username");

    [Fact]
    public void Validate_WhenFullNameTooLong_FailsOnFullName() =>
        ValidationAssert.FailsOnlyOn(
            _validator.Validate(new AddUserCommand("team_01", "ada@example.com", "ada", new string('n', 257))), "FullName");
}
