using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Domain.UnitTests.Slack;

public sealed class SlackTeamIdTests
{
    [Theory]
    [InlineData("T012AB3C4")]
    [InlineData("E0123ABCD")]
    [InlineData("T1")]
    public void Parse_WhenStartsWithTOrE_KeepsTheValue(string value)
    {
        Assert.Equal(value, SlackTeamId.Parse(value).Value);
        Assert.True(SlackTeamId.TryParse(value, out var id));
        Assert.Equal(value, id.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("T")]
    [InlineData("U012AB3C4")]
    [InlineData("C012AB3C4")]
    [InlineData("t012AB3C4")]
    [InlineData("T012ab3c4")]
    [InlineData("T012-AB3")]
    [InlineData("T012AB3C4 ")]
    [InlineData("T0123456789012345678901234567890X")]
    public void Parse_WhenNotAWorkspaceId_Throws(string? value)
    {
        Assert.Throws<DomainException>(() => SlackTeamId.Parse(value));
        Assert.False(SlackTeamId.TryParse(value, out var id));
        Assert.Equal(default, id);
    }

    [Fact]
    public void Parse_When32Characters_Succeeds()
    {
        var value = "T" + new string('0', 31);

        Assert.Equal(value, SlackTeamId.Parse(value).Value);
    }
}
