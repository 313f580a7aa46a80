using CodeStream.Integrations.Application.Slack.Connect.StartSlackConnect;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;

namespace CodeStream.Integrations.Application.UnitTests.SlackOAuth.StartSlackConnect;

public sealed class StartSlackConnectValidatorTests
{
    private readonly StartSlackConnectValidator _validator = new();

    [Fact]
    public void Validate_WhenComplete_Passes() => ValidationAssert.Valid(_validator.Validate(new StartSlackConnectCommand("user_01", "team_01")));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("team_01")]
    [InlineData("user_")]
    [InlineData("user_0-1")]
    public void Validate_WhenUserIdBad_FailsOnUserId(string? id) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new StartSlackConnectCommand(id, "team_01")), "UserId");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("user_01")]
    [InlineData("T012AB3C4")]
    public void Validate_WhenTeamIdBad_FailsOnTeamId(string? id) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new StartSlackConnectCommand("user_01", id)), "TeamId");

    [Fact]
    public void Validate_WhenEverythingMissing_ReportsEveryProperty() =>
        ValidationAssert.FailsOnExactly(_validator.Validate(new StartSlackConnectCommand(null, null)), "UserId", "TeamId");
}
