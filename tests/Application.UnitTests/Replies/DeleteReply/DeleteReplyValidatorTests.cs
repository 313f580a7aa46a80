using CodeStream.Integrations.Application.Core.Replies.DeleteReply;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;

namespace CodeStream.Integrations.Application.UnitTests.Replies.DeleteReply;

public sealed class DeleteReplyValidatorTests
{
    private readonly DeleteReplyValidator _validator = new();

    [Fact]
    public void Validate_WhenReplyId_Passes() => ValidationAssert.Valid(_validator.Validate(new DeleteReplyCommand("post_01")));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cm_01")]
    [InlineData("post_01 ")]
    public void Validate_WhenReplyIdBad_FailsOnReplyId(string? id) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new DeleteReplyCommand(id)), "ReplyId");
}
