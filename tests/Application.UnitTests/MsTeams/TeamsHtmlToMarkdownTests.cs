using System.Text;
using CodeStream.Integrations.Application.MsTeams.Messages;

namespace CodeStream.Integrations.Application.UnitTests.MsTeams;

public sealed class TeamsHtmlToMarkdownTests
{
    public static TheoryData<string, string> Conversions => new()
    {
        // Blocks and line breaks.
        { "<p>one</p><p>two</p>", "one\n\ntwo" },
        { "<p>a</p>\n  <p>b</p>", "a\n\nb" },
        { "a<br>b<br/>c", "a\nb\nc" },
        { "a<br><br>b", "a\n\nb" },
        { "<div>one</div><div>two</div>", "one\ntwo" },
        { "  <p>  padded   text  </p>  ", "padded text" },
        { "<h2>Title</h2><p>x</p>", "**Title**\n\nx" },

        // Emphasis and code.
        { "<b>bold</b> <strong>strong</strong>", "**bold** **strong**" },
        { "<i>it</i> <em>em</em>", "_it_ _em_" },
        { "<s>a</s> <strike>b</strike> <del>c</del>", "~~a~~ ~~b~~ ~~c~~" },
        { "<b> spaced </b>x", "**spaced** x" },
        { "<b></b>empty", "empty" },
        { "<b><strong>once</strong></b>", "**once**" },
        { "<b><i>both</i></b>", "**_both_**" },
        { "<p><b>across</p><p>paragraphs</b></p>", "**across**\n\n**paragraphs**" },
        { "<code>x &lt; y</code>", "`x < y`" },
        { "<code>a`b</code>", "``a`b``" },
        { "see <code> x </code> here", "see `x` here" },
        { "<pre><code>var x = 1;\nvar y = 2;</code></pre>", "```\nvar x = 1;\nvar y = 2;\n```" },
        { "<pre>\nline<br>next</pre>", "```\nline\nnext\n```" },
        { "<p>before</p><pre>code</pre><p>after</p>", "before\n\n```\ncode\n```\n\nafter" },
        { "<pre>has ``` fence</pre>", "````\nhas ``` fence\n````" },
        { "<pre><b>not bold</b> &amp; kept</pre>", "```\nnot bold & kept\n```" },

        // Links.
        { "<a href=\"https://x.com\">t</a>", "[t](https://x.com)" },
        { "<a href='https://x.com/a?b=1&amp;c=2'>t</a>", "[t](https://x.com/a?b=1&c=2)" },
        { "<a href=https://x.com/a_(b)>wiki</a>", "[wiki](https://x.com/a_%28b%29)" },
        { "<a href=\"mailto:ada@example.com\">mail</a>", "[mail](mailto:ada@example.com)" },
        { "<a title=\"a > b\" href=\"https://x.com\"><b>bold</b> link</a>", "[**bold** link](https://x.com)" },
        { "<a href=\"javascript:alert(1)\">t</a>", "t" },
        { "<a href=\"JAVASCRIPT:alert(1)\">t</a>", "t" },
        { "<a href=\"/relative\">t</a>", "t" },
        { "<a>no href</a>", "no href" },
        { "<a href=\"https://x.com\"></a>gone", "gone" },

        // Lists.
        { "<ul><li>one</li><li>two</li></ul>", "- one\n- two" },
        { "<ol><li>one</li><li>two</li></ol>", "1. one\n2. two" },
        { "<p>intro</p><ul><li><p>one</p></li><li>two<ul><li>nested</li></ul></li></ul><p>after</p>", "intro\n\n- one\n- two\n  - nested\n\nafter" },

        // Dropped: images, comments, scripts, styles; unknown tags keep their text.
        { "<img src=\"x.png\" alt=\"pic\">text", "text" },
        { "<span style=\"color:red\">kept</span> <font>too</font>", "kept too" },
        { "<!-- note -->x<!DOCTYPE html><?xml version=\"1.0\"?>", "x" },
        { "<script>alert('<b>1</b>')</script>x<style>p { color: red }</style>", "x" },

        // Entities.
        { "&amp; &lt; &gt; &quot; &#39; &apos; a&nbsp;b", "& < > \" ' ' a b" },
        { "&#x1F600; &#128512; &#X41;", "😀 😀 A" },
        { "&bogus; & &amp &#; &#xZZ; &#0;", "&bogus; & &amp &#; &#xZZ; \uFFFD" },
        { "&mdash;&hellip;", "—…" },

        // Malformed input.
        { "<b>unclosed", "**unclosed**" },
        { "a < b and c > d", "a < b and c > d" },
        { "x <b", "x <b" },
        { "<p>text <a href=\"https://x", "text <a href=\"https://x" },
        { "</p></b></i>text", "text" },
        { "<<<>>>", "<<<>>>" },
        { "<b><i>x</b>y</i>", "**_x_**y" },
        { "<p>a</p", "a</p" },
        { "<>", "<>" },
        { "<!-- never closed", "" },
        { "<pre>open code", "```\nopen code\n```" },
        { "<code>open", "`open`" },
    };

    [Theory]
    [MemberData(nameof(Conversions))]
    public void Convert_WhenGivenTeamsHtml_ReturnsMarkdown(string html, string markdown)
    {
        Assert.Equal(markdown, TeamsHtmlToMarkdown.Convert(html));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    [InlineData("<p> </p><br>")]
    public void Convert_WhenThereIsNoText_ReturnsEmpty(string? html)
    {
        Assert.Equal(string.Empty, TeamsHtmlToMarkdown.Convert(html));
    }

    [Fact]
    public void Convert_WhenTheMentionIsKnown_WritesTheUsername()
    {
        var markdown = TeamsHtmlToMarkdown.Convert("<p>Looks good <at>Ada</at></p>", name => name == "Ada" ? "ada" : null);

        Assert.Equal("Looks good @ada", markdown);
    }

    [Fact]
    public void Convert_WhenTheMentionIsUnknown_WritesItsName()
    {
        var markdown = TeamsHtmlToMarkdown.Convert("<at>Grace Hopper</at>, hi <at>Ada</at>!", _ => null);

        Assert.Equal("@Grace Hopper, hi @Ada!", markdown);
    }

    [Fact]
    public void Convert_WhenGivenAMention_PassesItsDecodedInnerTextToTheCallback()
    {
        var seen = new List<string>();

        var markdown = TeamsHtmlToMarkdown.Convert("<at> Miles  O&#39;Brien </at><at><b>Ada</b></at>", name =>
        {
            seen.Add(name);
            return null;
        });

        Assert.Equal(new[] { "Miles O'Brien", "Ada" }, seen);
        Assert.Equal("@Miles O'Brien @Ada", markdown);
    }

    [Fact]
    public void Convert_WhenThereIsNoCallback_WritesMentionsByName()
    {
        Assert.Equal("@Ada", TeamsHtmlToMarkdown.Convert("<at>Ada</at>"));
    }

    [Fact]
    public void Convert_WhenTagsNestVeryDeeply_StaysBounded()
    {
        var html = string.Concat(Enumerable.Repeat("<b><i><s>", 5000)) + "x" + string.Concat(Enumerable.Repeat("<p>y</p>", 5000));

        var markdown = TeamsHtmlToMarkdown.Convert(html);

        Assert.StartsWith("**_~~x~~_**", markdown, StringComparison.Ordinal);
        Assert.InRange(markdown.Length, 1, html.Length);
    }

    [Fact]
    public void Convert_WhenGivenManyUnterminatedTags_ReturnsThemAsText()
    {
        var html = string.Concat(Enumerable.Repeat("<a href=\"x ", 20_000));

        Assert.Equal(html.Trim(), TeamsHtmlToMarkdown.Convert(html));
    }

    [Fact]
    public void Convert_WhenGivenRandomMarkup_NeverThrows()
    {
        string[] fragments =
        [
            "<", ">", "</", "/>", "<p>", "</p>", "<b>", "</b>", "<i>", "<pre>", "</pre>", "<code>", "</code>", "<at>", "</at>",
            "<a href=\"https://x.com\">", "<a href='", "</a>", "<ul>", "<li>", "</ol>", "<br>", "<!--", "-->", "<script>", "</script>",
            "&", "&amp;", "&#", "&#x", "&#99999999;", ";", "\"", "'", "=", " ", "\n", "\r", "\t", "\0", "`", "```", "text", "😀", "\uD800",
        ];
        var random = new Random(1234);
        for (var run = 0; run < 300; run++)
        {
            var html = new StringBuilder();
            var count = random.Next(0, 200);
            for (var i = 0; i < count; i++)
            {
                html.Append(fragments[random.Next(fragments.Length)]);
            }

            var markdown = TeamsHtmlToMarkdown.Convert(html.ToString(), name => name.Length % 2 == 0 ? "user" : null);

            Assert.Equal(markdown.Trim(), markdown);
            Assert.DoesNotContain("\0", markdown, StringComparison.Ordinal);
        }
    }
}
