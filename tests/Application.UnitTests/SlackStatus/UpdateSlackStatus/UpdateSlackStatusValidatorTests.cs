using CodeStream.Integrations.Application.Slack.Status.UpdateSlackStatus;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;

namespace CodeStream.Integrations.Application.UnitTests.SlackStatus.UpdateSlackStatus;

public sealed class UpdateSlackStatusValidatorTests
{
    private readonly UpdateSlackStatusValidator _validator = new();

    [Fact]
    public void Validate_WhenComplete_Passes() =>
        ValidationAssert.Valid(_validator.Validate(new UpdateSlackStatusCommand("user_01", "T012AB3C4", "Coding", ":desktop_computer:", 1_764_000_000)));

    [Fact]
    public void Validate_WhenOnlyIds_PassesAsAClear() =>
        ValidationAssert.Valid(_validator.Validate(new UpdateSlackStatusCommand("user_01", "T012AB3C4", null, null, null)));

    [Fact]
    public void Validate_WhenEmptyStrings_PassesAsAClear() =>
        ValidationAssert.Valid(_validator.Validate(new UpdateSlackStatusCommand("user_01", "T012AB3C4", string.Empty, string.Empty, 0)));

    [Fact]
    public void Validate_WhenEnterpriseOrgId_Passes() =>
        ValidationAssert.Valid(_validator.Validate(Command(slackTeamId: "E012AB3C4")));

    [Fact]
    public void Validate_WhenTextAtTheLimit_Passes() =>
        ValidationAssert.Valid(_validator.Validate(Command(text: new string('x', 100))));

    [Fact]
    public void Validate_WhenTextTooLong_FailsOnText() =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(Command(text: new string('x', 101))), "Text");

    [Theory]
    [InlineData(":+1:")]
    [InlineData(":e-mail:")]
    [InlineData(":smile_cat:")]
    [InlineData(":100:")]
    public void Validate_WhenEmojiWellFormed_Passes(string emoji) =>
        ValidationAssert.Valid(_validator.Validate(Command(emoji: emoji)));

    [Theory]
    [InlineData("desktop_computer")]
    [InlineData(":desktop_computer")]
    [InlineData("::")]
    [InlineData(":Desktop:")]
    [InlineData(":two words:")]
    [InlineData(":a:b:")]
    [InlineData("<script>")]
    public void Validate_WhenEmojiMalformed_FailsOnEmoji(string emoji) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(Command(emoji: emoji)), "Emoji");

    [Fact]
    public void Validate_WhenWorkspaceLeftOut_Passes() => Assert.True(_validator.Validate(Command() with { SlackTeamId = null }).IsValid);

    [Theory]
    [InlineData("")]
    [InlineData("U012AB3C4")]
    [InlineData("t012ab3c4")]
    [InlineData("T")]
    [InlineData("team_01")]
    public void Validate_WhenWorkspaceIdBad_FailsOnSlackTeamId(string? slackTeamId) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(Command() with { SlackTeamId = slackTeamId }), "SlackTeamId");

    [Theory]
    [InlineData(null)]
    [InlineData("team_01")]
    public void Validate_WhenUserIdBad_FailsOnUserId(string? userId) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(Command() with { UserId = userId }), "UserId");

    [Theory]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    public void Validate_WhenExpiresAtNegative_FailsOnExpiresAt(long expiresAt) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(Command() with { ExpiresAt = expiresAt }), "ExpiresAt");

    [Fact]
    public void Validate_WhenEverythingBad_ReportsEveryProperty() =>
        ValidationAssert.FailsOnExactly(
            _validator.Validate(new UpdateSlackStatusCommand(null, "team_01", new string('x', 101), "smile", -1)),
            "UserId", "SlackTeamId", "Text", "Emoji", "ExpiresAt");

    private static UpdateSlackStatusCommand Command(
        string slackTeamId = "T012AB3C4", string text = "Coding", string emoji = ":desktop_computer:") =>
        new("user_01", slackTeamId, text, emoji, 1_764_000_000);
}
