using CodeStream.Integrations.Application.Core.Replies.EditReply;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;

namespace CodeStream.Integrations.Application.UnitTests.Replies.EditReply;

public sealed class EditReplyValidatorTests
{
    private readonly EditReplyValidator _validator = new();

    [Fact]
    public void Validate_WhenComplete_Passes() => ValidationAssert.Valid(_validator.Validate(new EditReplyCommand("post_01", "hi")));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cm_01")]
    public void Validate_WhenReplyIdBad_FailsOnReplyId(string? id) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new EditReplyCommand(id, "hi")), "ReplyId");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Validate_WhenTextBlank_FailsOnText(string? text) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new EditReplyCommand("post_01", text)), "Text");

    [Fact]
    public void Validate_WhenTextTooLong_FailsOnText() =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new EditReplyCommand("post_01", new string('x', 100_001))), "Text");
}
