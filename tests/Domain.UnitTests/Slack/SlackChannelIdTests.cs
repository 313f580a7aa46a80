using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Domain.UnitTests.Slack;

public sealed class SlackChannelIdTests
{
    [Theory]
    [InlineData("C012AB3C4")]
    [InlineData("G012AB3C4")]
    [InlineData("D012AB3C4")]
    public void Parse_WhenStartsWithCGOrD_KeepsTheValue(string value)
    {
        Assert.Equal(value, SlackChannelId.Parse(value).Value);
        Assert.True(SlackChannelId.TryParse(value, out var id));
        Assert.Equal(value, id.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("C")]
    [InlineData("T012AB3C4")]
    [InlineData("U012AB3C4")]
    [InlineData("c012AB3C4")]
    [InlineData("C012ab3c4")]
    [InlineData("#general")]
    public void Parse_WhenNotAChannelId_Throws(string? value)
    {
        var exception = Assert.Throws<DomainException>(() => SlackChannelId.Parse(value));
        Assert.Contains("channel", exception.Message, StringComparison.Ordinal);
        Assert.False(SlackChannelId.TryParse(value, out var id));
        Assert.Equal(default, id);
    }
}
