using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Core.Codemarks;

namespace CodeStream.Integrations.Domain.UnitTests.Codemarks;

public sealed class MarkerIdTests
{
    [Theory]
    [InlineData("mk_01")]
    [InlineData("mk_abcXYZ789")]
    public void Parse_WhenWellFormed_KeepsTheValue(string value)
    {
        var id = MarkerId.Parse(value);

        Assert.Equal(value, id.Value);
        Assert.Equal(value, id.ToString());
    }

    [Theory]
    [InlineData("mk_01")]
    [InlineData("mk_abcXYZ789")]
    public void TryParse_WhenWellFormed_ReturnsTrueAndTheId(string value)
    {
        Assert.True(MarkerId.TryParse(value, out var id));
        Assert.Equal(MarkerId.Parse(value), id);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_WhenMalformed_ThrowsDomainException(string? value) =>
        Assert.Throws<DomainException>(() => MarkerId.Parse(value));

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryParse_WhenMalformed_ReturnsFalseAndDefault(string? value)
    {
        Assert.False(MarkerId.TryParse(value, out var id));
        Assert.Equal(default, id);
        Assert.Null(id.Value);
    }

    [Fact]
    public void Parse_WhenExactly64Characters_Succeeds()
    {
        var value = "mk_" + new string('7', PrefixedId.MaxLength - "mk_".Length);

        Assert.Equal(value, MarkerId.Parse(value).Value);
    }

    [Fact]
    public void New_WhenCalled_ReturnsParsableUniqueIds()
    {
        var first = MarkerId.New(DateTimeOffset.UtcNow);
        var second = MarkerId.New(DateTimeOffset.UtcNow);

        Assert.Equal(first, MarkerId.Parse(first.Value));
        Assert.StartsWith("mk_", first.Value, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Equality_WhenSameValue_AreEqual() => Assert.Equal(MarkerId.Parse("mk_01"), MarkerId.Parse("mk_01"));

    public static TheoryData<string?> Malformed => new()
    {
        null,
        "",
        "   ",
        "mk_",
        "mk01",
        "cm_01",
        "MK_01",
        "mk_0-1",
        "mk_0.1",
        "mk_01 ",
        "mk_0_1",
        "mk_" + new string('a', PrefixedId.MaxLength - "mk_".Length + 1),
    };
}
