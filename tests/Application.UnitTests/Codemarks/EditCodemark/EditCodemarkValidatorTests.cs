using CodeStream.Integrations.Application.Core.Codemarks.EditCodemark;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;

namespace CodeStream.Integrations.Application.UnitTests.Codemarks.EditCodemark;

public sealed class EditCodemarkValidatorTests
{
    private readonly EditCodemarkValidator _validator = new();

    [Theory]
    [InlineData("Title", "Text")]
    [InlineData(null, "Text")]
    [InlineData("Title", null)]
    public void Validate_WhenIdAndSomeContent_Passes(string? title, string? text) =>
        ValidationAssert.Valid(_validator.Validate(new EditCodemarkCommand("cm_01", title, text)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("post_01")]
    [InlineData("cm_01/../x")]
    public void Validate_WhenCodemarkIdBad_FailsOnCodemarkId(string? id) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new EditCodemarkCommand(id, null, "text")), "CodemarkId");

    [Fact]
    public void Validate_WhenTitleTooLong_FailsOnTitle() =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new EditCodemarkCommand("cm_01", new string('t', 1001), "text")), "Title");

    [Fact]
    public void Validate_WhenTextTooLong_FailsOnText() =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new EditCodemarkCommand("cm_01", null, new string('t', 100_001))), "Text");

    [Theory]
    [InlineData(null, null)]
    [InlineData(" ", "")]
    public void Validate_WhenNeitherTextNorTitle_FailsOnText(string? title, string? text) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new EditCodemarkCommand("cm_01", title, text)), "Text");
}
