using CodeStream.Integrations.Application.Slack.Messages;
using static CodeStream.Integrations.Application.UnitTests.Slack.SlackTestData;

namespace CodeStream.Integrations.Application.UnitTests.Slack.BlockKit;

public sealed class ReplyCopyTests
{
    [Fact]
    public void Render_WhenGivenAReply_ReturnsSectionAndContextUnderTheAuthorsName()
    {
        var content = ReplyCopy.Render("**Agreed** @ada, see `a < b` & [docs](https://x.com)", "Grace Hopper", SlackUsers);

        var blocks = BlockKitAssert.WithinLimits(content);
        Assert.Equal(2, blocks.Count);
        Assert.Equal("*Agreed* <@U0AAA0001>, see `a &lt; b` &amp; <https://x.com|docs>", (string)blocks[0]!["text"]!["text"]!);
        Assert.Equal("replied via CodeStream", (string)blocks[1]!["elements"]![0]!["text"]!);
        Assert.Equal("*Agreed* <@U0AAA0001>, see `a &lt; b` &amp; <https://x.com|docs>", content.Text);
        Assert.Equal("Grace Hopper", content.Username);
    }

    [Fact]
    public void Render_WhenTheReplyIsLong_CutsItWithANotice()
    {
        var content = ReplyCopy.Render(string.Concat(Enumerable.Repeat("<&> ", 3000)), "Grace", null);

        var blocks = BlockKitAssert.WithinLimits(content);
        Assert.Equal(3, blocks.Count);
        Assert.EndsWith("…", (string)blocks[0]!["text"]!["text"]!, StringComparison.Ordinal);
        Assert.Equal(CodemarkCard.TruncationNotice, (string)blocks[1]!["elements"]![0]!["text"]!);
    }

    [Fact]
    public void Render_WhenTheAuthorNameIsLong_CutsTheUsernameAt80()
    {
        var content = ReplyCopy.Render("ok", new string('n', 200), null);

        BlockKitAssert.WithinLimits(content);
        Assert.Equal(80, content.Username!.Length);
    }

    [Fact]
    public void Render_WhenTheReplyIsEmpty_ReturnsOnlyTheContext()
    {
        var content = ReplyCopy.Render("  \n", " ", null);

        var blocks = BlockKitAssert.WithinLimits(content);
        Assert.Equal("context", (string)Assert.Single(blocks)!["type"]!);
        Assert.Equal("replied via CodeStream", content.Text);
        Assert.Null(content.Username);
    }
}
