using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Domain.UnitTests.Slack;

public sealed class SlackUserIdTests
{
    [Theory]
    [InlineData("U012AB3C4")]
    [InlineData("W012AB3C4")]
    [InlineData("B012AB3C4")]
    public void Parse_WhenStartsWithUWOrB_KeepsTheValue(string value)
    {
        Assert.Equal(value, SlackUserId.Parse(value).Value);
        Assert.True(SlackUserId.TryParse(value, out var id));
        Assert.Equal(value, id.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("U")]
    [InlineData("T012AB3C4")]
    [InlineData("C012AB3C4")]
    [InlineData("u012AB3C4")]
    [InlineData("U012ab3c4")]
    [InlineData("U012_AB3")]
    public void Parse_WhenNotAUserId_Throws(string? value)
    {
        var exception = Assert.Throws<DomainException>(() => SlackUserId.Parse(value));
        Assert.Contains("user", exception.Message, StringComparison.Ordinal);
        Assert.False(SlackUserId.TryParse(value, out var id));
        Assert.Equal(default, id);
    }
}
