using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Core.Codemarks;

namespace CodeStream.Integrations.Domain.UnitTests.Codemarks;

public sealed class CodemarkIdTests
{
    [Theory]
    [InlineData("cm_01")]
    [InlineData("cm_abcXYZ789")]
    public void Parse_WhenWellFormed_KeepsTheValue(string value)
    {
        var id = CodemarkId.Parse(value);

        Assert.Equal(value, id.Value);
        Assert.Equal(value, id.ToString());
    }

    [Theory]
    [InlineData("cm_01")]
    [InlineData("cm_abcXYZ789")]
    public void TryParse_WhenWellFormed_ReturnsTrueAndTheId(string value)
    {
        Assert.True(CodemarkId.TryParse(value, out var id));
        Assert.Equal(CodemarkId.Parse(value), id);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_WhenMalformed_ThrowsDomainException(string? value) =>
        Assert.Throws<DomainException>(() => CodemarkId.Parse(value));

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryParse_WhenMalformed_ReturnsFalseAndDefault(string? value)
    {
        Assert.False(CodemarkId.TryParse(value, out var id));
        Assert.Equal(default, id);
        Assert.Null(id.Value);
    }

    [Fact]
    public void Parse_WhenExactly64Characters_Succeeds()
    {
        var value = "cm_" + new string('7', PrefixedId.MaxLength - "cm_".Length);

        Assert.Equal(value, CodemarkId.Parse(value).Value);
    }

    [Fact]
    public void New_WhenCalled_ReturnsParsableUniqueIds()
    {
        var first = CodemarkId.New(DateTimeOffset.UtcNow);
        var second = CodemarkId.New(DateTimeOffset.UtcNow);

        Assert.Equal(first, CodemarkId.Parse(first.Value));
        Assert.StartsWith("cm_", first.Value, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Equality_WhenSameValue_AreEqual() => Assert.Equal(CodemarkId.Parse("cm_01"), CodemarkId.Parse("cm_01"));

    public static TheoryData<string?> Malformed => new()
    {
        null,
        "",
        "   ",
        "cm_",
        "cm01",
        "mk_01",
        "CM_01",
        "cm_0-1",
        "cm_0.1",
        "cm_01 ",
        "cm_0_1",
        "cm_" + new string('a', PrefixedId.MaxLength - "cm_".Length + 1),
    };
}
