using CodeStream.Integrations.Application.Core.Replies.AddReply;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;

namespace CodeStream.Integrations.Application.UnitTests.Replies.AddReply;

public sealed class AddReplyValidatorTests
{
    private readonly AddReplyValidator _validator = new();

    [Fact]
    public void Validate_WhenComplete_Passes() => ValidationAssert.Valid(_validator.Validate(new AddReplyCommand("cm_01", "user_01", "hi")));

    [Theory]
    [InlineData(null)]
    [InlineData("post_01")]
    public void Validate_WhenCodemarkIdBad_FailsOnCodemarkId(string? id) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new AddReplyCommand(id, "user_01", "hi")), "CodemarkId");

    [Theory]
    [InlineData(null)]
    [InlineData("team_01")]
    public void Validate_WhenCreatorIdBad_FailsOnCreatorId(string? id) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new AddReplyCommand("cm_01", id, "hi")), "CreatorId");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_WhenTextBlank_FailsOnText(string? text) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new AddReplyCommand("cm_01", "user_01", text)), "Text");

    [Fact]
    public void Validate_WhenTextTooLong_FailsOnText() =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new AddReplyCommand("cm_01", "user_01", new string('x', 100_001))), "Text");

    [Fact]
    public void Validate_WhenEverythingMissing_ReportsEveryProperty() =>
        ValidationAssert.FailsOnExactly(_validator.Validate(new AddReplyCommand(null, null, null)), "CodemarkId", "CreatorId", "Text");
}
