using CodeStream.Integrations.Application.Core.Codemarks.GetCodemark;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;

namespace CodeStream.Integrations.Application.UnitTests.Codemarks.GetCodemark;

public sealed class GetCodemarkValidatorTests
{
    private readonly GetCodemarkValidator _validator = new();

    [Fact]
    public void Validate_WhenCodemarkId_Passes() => ValidationAssert.Valid(_validator.Validate(new GetCodemarkQuery("cm_01")));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("team_01")]
    [InlineData("cm_01;drop")]
    public void Validate_WhenCodemarkIdBad_FailsOnCodemarkId(string? id) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(new GetCodemarkQuery(id)), "CodemarkId");
}
