using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Domain.UnitTests.Slack;

public sealed class SlackTsTests
{
    [Theory]
    [InlineData("1763889000.000100")]
    [InlineData("0.0")]
    [InlineData("1.2")]
    public void Parse_WhenDigitsDotDigits_KeepsTheValue(string value)
    {
        Assert.Equal(value, SlackTs.Parse(value).Value);
        Assert.True(SlackTs.TryParse(value, out var ts));
        Assert.Equal(value, ts.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.")]
    [InlineData(".1")]
    [InlineData("1")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("1..2")]
    [InlineData("-1.2")]
    [InlineData("1.-2")]
    [InlineData("1,2")]
    [InlineData(" 1.2")]
    [InlineData("1.2 ")]
    [InlineData("1763889000.00010a")]
    [InlineData("١٢.٣")]
    [InlineData("12345678901234567.789012345678901")]
    public void Parse_WhenNotDigitsDotDigits_Throws(string? value)
    {
        Assert.Throws<DomainException>(() => SlackTs.Parse(value));
        Assert.False(SlackTs.TryParse(value, out var ts));
        Assert.Equal(default, ts);
    }

    [Theory]
    [InlineData("1763889000.000100", 0)]
    [InlineData("1763889000.123456", 123)]
    [InlineData("1763889000.999999", 999)]
    [InlineData("1763889000.5", 500)]
    [InlineData("1763889000.05", 50)]
    [InlineData("1763889000.0", 0)]
    public void ToDateTimeOffset_WhenParsed_GivesTheMillisecond(string value, int expectedMillisecond)
    {
        var moment = SlackTs.Parse(value).ToDateTimeOffset();

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763889000).AddMilliseconds(expectedMillisecond), moment);
        Assert.Equal(expectedMillisecond, moment.Millisecond);
        Assert.Equal(TimeSpan.Zero, moment.Offset);
    }

    [Fact]
    public void ToDateTimeOffset_WhenSlackExample_GivesThatUtcTime()
    {
        var moment = SlackTs.Parse("1763889000.123456").ToDateTimeOffset();

        Assert.Equal(new DateTimeOffset(2025, 11, 23, 9, 10, 0, 123, TimeSpan.Zero), moment);
    }

    [Fact]
    public void Equality_WhenSameValue_AreEqual() => Assert.Equal(SlackTs.Parse("1.000100"), SlackTs.Parse("1.000100"));
}
