using CodeStream.Integrations.Application.Core.Codemarks.DeleteCodemark;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;

namespace CodeStream.Integrations.Application.UnitTests.Codemarks.DeleteCodemark;

public sealed class DeleteCodemarkValidatorTests
{
    private readonly DeleteCodemarkValidator _validator = new();

    [Fact]
    public void Validate_WhenCodemarkId_Passes() => ValidationAssert.Valid(_validator.Validate(new DeleteCodemarkCommand("cm_01")));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("mk_01")]
    [InlineData("cm_")]
    public void Validate_WhenCodemarkIdBad_FailsOnCodemarkId(string? id)
    {
        var result = _validator.Validate(new DeleteCodemarkCommand(id));

        ValidationAssert.FailsOnlyOn(result, "CodemarkId");
        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains("cm_", StringComparison.Ordinal));
    }
}
