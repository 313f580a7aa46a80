using System.Text.Json;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Application.MsTeams.Messages;

namespace CodeStream.Integrations.Application.UnitTests.MsTeams;

public sealed class TeamsReplyCopyTests
{
    private const string Header = "<p><b>Grace Hopper</b> replied via CodeStream:</p>";

    /// <summary>The activity's text, after checking the activity is strict JSON of an xml-format message.</summary>
    private static string Text(string replyMarkdown, string author = "Grace Hopper")
    {
        var json = TeamsReplyCopy.RenderActivity(replyMarkdown, author);
        using (JsonDocument.Parse(json))
        {
        }

        var activity = JsonNode.Parse(json)!.AsObject();
        Assert.Equal("message", (string?)activity["type"]);
        Assert.Equal("xml", (string?)activity["textFormat"]);
        return (string)activity["text"]!;
    }

    public static TheoryData<string, string> Conversions => new()
    {
        {
            "**Agreed** see `a < b` & [docs](https://x.com)",
            """<p><b>Agreed</b> see <code>a &lt; b</code> &amp; <a href="https://x.com">docs</a></p>"""
        },
        { "~~old~~ _new_ *also*", "<p><s>old</s> <i>new</i> <i>also</i></p>" },
        { "line one\nline two", "<p>line one<br>line two</p>" },
        { "first\n\nsecond", "<p>first</p><p>second</p>" },
        { "- one\n- two", "<ul><li>one</li><li>two</li></ul>" },
        { "1. one\n2. two", "<ol><li>one</li><li>two</li></ol>" },
        { "```cs\nvar x = a < b;\nreturn \"s\";\n```", "<pre>var x = a &lt; b;\nreturn &quot;s&quot;;</pre>" },
        { "# Title", "<p><b>Title</b></p>" },
        { "<https://x.com/a?b=1&c=2>", """<p><a href="https://x.com/a?b=1&amp;c=2">https://x.com/a?b=1&amp;c=2</a></p>""" },
        { "<ada@example.com>", """<p><a href="mailto:ada@example.com">ada@example.com</a></p>""" },
        { "[write](mailto:ada@example.com)", """<p><a href="mailto:ada@example.com">write</a></p>""" },

        // Raw HTML and entities in the Markdown are text.
        { "<b>x</b> &amp; it's", "<p>&lt;b&gt;x&lt;/b&gt; &amp;amp; it&#39;s</p>" },
        { "<at>Ada</at>", "<p>&lt;at&gt;Ada&lt;/at&gt;</p>" },
    };

    [Theory]
    [MemberData(nameof(Conversions))]
    public void RenderActivity_WhenGivenMarkdown_WritesTeamsHtmlAfterTheAuthorLine(string markdown, string html)
    {
        Assert.Equal(Header + html, Text(markdown));
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))", "<p>click</p>")]
    [InlineData("[click](JavaScript:alert(document.cookie))", "<p>click</p>")]
    [InlineData("[pic](data:text/html;base64,PHNjcmlwdD4=)", "<p>pic</p>")]
    [InlineData("[file](/etc/passwd)", "<p>file</p>")]
    [InlineData("[rel](docs/readme.md)", "<p>rel</p>")]
    [InlineData("![alt](javascript:x)", "<p>alt</p>")]
    public void RenderActivity_WhenALinkIsNotHttpOrMailto_KeepsOnlyItsText(string markdown, string html)
    {
        var text = Text(markdown);

        Assert.Equal(Header + html, text);
        Assert.DoesNotContain("href", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderActivity_WhenTheLinkUrlHasQuotes_EncodesTheAttribute()
    {
        var text = Text("[x](https://x.com/?q=\"a\"&b='c')");

        Assert.Equal(Header + """<p><a href="https://x.com/?q=&quot;a&quot;&amp;b=&#39;c&#39;">x</a></p>""", text);
    }

    [Fact]
    public void RenderActivity_WhenTheAuthorNameHasMarkup_EncodesIt()
    {
        var text = Text("ok", "<script>alert('x')</script> & co");

        Assert.StartsWith("<p><b>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</b> replied via CodeStream:</p>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderActivity_WhenTheAuthorIsBlank_SaysSomeone()
    {
        Assert.StartsWith("<p><b>Someone</b> " + TeamsReplyCopy.RepliedVia + ":</p>", Text("ok", " \n "), StringComparison.Ordinal);
    }

    [Fact]
    public void RenderActivity_WhenTheReplyIsEmpty_WritesOnlyTheAuthorLine()
    {
        Assert.Equal(Header, Text("  \n "));
    }

    [Fact]
    public void RenderActivity_WhenALongParagraphIsCut_EndsWithAnEllipsisAndClosesItsTags()
    {
        var text = Text("**" + string.Concat(Enumerable.Repeat("a < b ", 6000)) + "**");

        Assert.InRange(text.Length, 1, TeamsReplyCopy.MaxText);
        Assert.EndsWith("…</p>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("&l…", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderActivity_WhenALongListIsCut_ClosesTheList()
    {
        var text = Text(string.Concat(Enumerable.Repeat("- item & more\n", 10_000)));

        Assert.InRange(text.Length, 1, TeamsReplyCopy.MaxText);
        Assert.EndsWith("</ul>", text, StringComparison.Ordinal);
        Assert.Contains("…", text, StringComparison.Ordinal);
        Assert.Equal(CountOf(text, "<li>"), CountOf(text, "</li>"));
    }

    [Fact]
    public void RenderActivity_WhenTheReplyHasControlCharactersAndLoneSurrogates_WritesValidJson()
    {
        var text = Text("a\u0001b \uD800 c\r\nd");

        Assert.Equal(Header + "<p>a b \uFFFD c<br>d</p>", text);
    }

    [Fact]
    public void RenderActivity_WhenNestedVeryDeeply_DoesNotThrow()
    {
        var text = Text(new string('[', 5000) + new string('*', 3000) + "x" + new string('>', 2000) + "y");

        Assert.StartsWith(Header, text, StringComparison.Ordinal);
        Assert.InRange(text.Length, 1, TeamsReplyCopy.MaxText);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
