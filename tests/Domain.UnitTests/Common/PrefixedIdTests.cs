using CodeStream.Integrations.Domain.Common;

namespace CodeStream.Integrations.Domain.UnitTests.Common;

public sealed class PrefixedIdTests
{
    [Theory]
    [InlineData("cm_01")]
    [InlineData("cm_a")]
    [InlineData("cm_AbC123")]
    public void IsValid_WhenPrefixUnderscoreAndLettersOrDigits_ReturnsTrue(string value) =>
        Assert.True(PrefixedId.IsValid(value, "cm"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cm")]
    [InlineData("cm_")]
    [InlineData("mk_01")]
    [InlineData("CM_01")]
    [InlineData("cm01")]
    [InlineData("cm-01")]
    [InlineData("cm_0-1")]
    [InlineData("cm_0 1")]
    [InlineData("cm_01_")]
    [InlineData("cm_é1")]
    [InlineData(" cm_01")]
    [InlineData("cm_01 ")]
    public void IsValid_WhenMalformed_ReturnsFalse(string? value) =>
        Assert.False(PrefixedId.IsValid(value, "cm"));

    [Fact]
    public void IsValid_WhenExactlyMaxLength_ReturnsTrue()
    {
        var value = "cm_" + new string('a', PrefixedId.MaxLength - 3);

        Assert.Equal(64, value.Length);
        Assert.True(PrefixedId.IsValid(value, "cm"));
    }

    [Fact]
    public void IsValid_WhenLongerThanMaxLength_ReturnsFalse() =>
        Assert.False(PrefixedId.IsValid("cm_" + new string('a', PrefixedId.MaxLength - 2), "cm"));

    [Fact]
    public void New_WhenCalled_ReturnsValidDistinctIds()
    {
        var first = PrefixedId.New("cm", DateTimeOffset.UtcNow);
        var second = PrefixedId.New("cm", DateTimeOffset.UtcNow);

        Assert.True(PrefixedId.IsValid(first, "cm"));
        Assert.StartsWith("cm_", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Require_WhenInvalid_ThrowsDomainExceptionNamingTheValueAndPrefix()
    {
        var exception = Assert.Throws<DomainException>(() => PrefixedId.Require("nope", "cm", "codemark"));

        Assert.Contains("'nope'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("codemark", exception.Message, StringComparison.Ordinal);
        Assert.Contains("cm_", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_WhenValid_ReturnsTheValue() =>
        Assert.Equal("cm_01", PrefixedId.Require("cm_01", "cm", "codemark"));

    [Fact]
    public void New_WhenCalledManyTimesInOneMillisecond_SortsInCreationOrder()
    {
        var ids = Enumerable.Range(0, 5000).Select(_ => PrefixedId.New("post", DateTimeOffset.UtcNow)).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
