using CodeStream.Integrations.Application.Slack.Formatting;

namespace CodeStream.Integrations.Application.UnitTests.Slack.Formatting;

public sealed class MarkdownToMrkdwnTests
{
    private static readonly Dictionary<string, string> Users = new(StringComparer.Ordinal) { ["ada"] = "U0AAA0001", ["grace.h"] = "W0BBB0002" };

    public static TheoryData<string, string> Conversions => new()
    {
        // Escaping: every &, <, > exactly once, entities included.
        { "a & b < c > d", "a &amp; b &lt; c &gt; d" },
        { "&&&<<<>>>", "&amp;&amp;&amp;&lt;&lt;&lt;&gt;&gt;&gt;" },
        { "&amp; &lt;", "&amp;amp; &amp;lt;" },
        { "<b>html</b>", "&lt;b&gt;html&lt;/b&gt;" },
        { "<!channel> <@U0AAA0001> <#C1|x>", "&lt;!channel&gt; &lt;@U0AAA0001&gt; &lt;#C1|x&gt;" },
        { "> quoted", "&gt; quoted" },

        // Emphasis.
        { "**bold**", "*bold*" },
        { "__bold__", "*bold*" },
        { "*italic*", "_italic_" },
        { "_italic_", "_italic_" },
        { "~~strike~~", "~strike~" },
        { "***both***", "_*both*_" },
        { "**bold** and _it_ and ~~gone~~", "*bold* and _it_ and ~gone~" },
        { "**bold with _italic_ inside**", "*bold with _italic_ inside*" },
        { "snake_case_name and 2 * 3 * 4", "snake_case_name and 2 * 3 * 4" },
        { "**unclosed and *half", "**unclosed and *half" },

        // Links.
        { "[CodeStream](https://codestream.com)", "<https://codestream.com|CodeStream>" },
        { "[a & b](https://x.com/?a=1&b=2)", "<https://x.com/?a=1&amp;b=2|a &amp; b>" },
        { "[**bold** label](https://x.com \"title\")", "<https://x.com|*bold* label>" },
        { "[x](<https://x.com/a b>)", "<https://x.com/a%20b|x>" },
        { "[pipe](https://x.com/a|b)", "<https://x.com/a%7Cb|pipe>" },
        { "![logo](https://x.com/logo.png)", "<https://x.com/logo.png|logo>" },
        { "[relative](/docs/a)", "relative (/docs/a)" },
        { "[](https://x.com)", "<https://x.com>" },
        { "<https://x.com/a?b=1&c=2>", "<https://x.com/a?b=1&amp;c=2>" },
        { "see https://x.com/a_b_c_ and *this*", "see https://x.com/a_b_c_ and _this_" },
        { "**https://x.com/a_b**", "*https://x.com/a_b*" },
        { "[not a link] (x)", "[not a link] (x)" },

        // Headings, lists, rules.
        { "# Title", "*Title*" },
        { "### Sub **title** ###", "*Sub title*" },
        { "#hashtag", "#hashtag" },
        { "- one\n- two", "- one\n- two" },
        { "* one\n  + two", "• one\n  • two" },
        { "1. one\n2) two", "1. one\n2) two" },
        { "---\n***", "---\n---" },
        { "line\r\nnext", "line\nnext" },

        // Code: kept, escaped exactly once, fences never broken open.
        { "`a < b && c`", "`a &lt; b &amp;&amp; c`" },
        { "`**not bold** @ada`", "`**not bold** @ada`" },
        { "`` a ` b ``", "`a ` b`" },
        { "```csharp\nif (a < b && c > d) { }\n```", "```\nif (a &lt; b &amp;&amp; c &gt; d) { }\n```" },
        { "```\ncode with ``` inside\n```", "```\ncode with ``\u200B` inside\n```" },
        { "````\n```\n````", "```\n``\u200B`\n```" },
        { "~~~\n**x** &amp;\n~~~", "```\n**x** &amp;amp;\n```" },
        { "```\nunclosed", "```\nunclosed\n```" },
        { "a ``` b", "a ``\u200B` b" },

        // Mentions.
        { "@here @channel @everyone", "<!here> <!channel> <!everyone>" },
        { "hi @Ada and @bob", "hi <@U0AAA0001> and @bob" },
        { "thanks @ada.", "thanks <@U0AAA0001>." },
        { "cc @grace.h, (@ada)", "cc <@W0BBB0002>, (<@U0AAA0001>)" },
        { "mail ada@example.com", "mail ada@example.com" },
        { "@unknown_user_", "@unknown_user_" },

        // Where CommonMark (Markdig) reads more than the old hand-written converter did, and what we chose.
        { "Title\n===", "*Title*" }, // setext heading: a bold line, like an ATX heading
        { "[x][r]\n\n[r]: https://x.com", "<https://x.com|x>\n\n" }, // reference link resolved; the definition shows nothing
        { "<a@b.com>", "<mailto:a@b.com|a@b.com>" }, // e-mail autolink
        { "<ftp://x.com/f>", "ftp://x.com/f" }, // an autolink Slack cannot open stays text
        { "[x](javascript:alert(1))", "x (javascript:alert(1))" }, // never a link; its address shown as text
        { "a\\\nb", "a\nb" }, // backslash hard break: a line break, the backslash dropped
        { "a \\*b\\*", "a *b*" }, // backslash escapes are honoured (mrkdwn has none of its own)
        { "\tindented", "\tindented" }, // indented code: mrkdwn has none, so the text stays as written
        { "<div>x</div>", "&lt;div&gt;x&lt;/div&gt;" }, // raw HTML is never HTML: text, escaped

        // Text that is not Markdown stays as it is.
        { "Ünïcode 🎉 עברית 👩🏽‍💻", "Ünïcode 🎉 עברית 👩🏽‍💻" },
        { string.Empty, string.Empty },
    };

    [Theory]
    [MemberData(nameof(Conversions))]
    public void Convert_WhenGivenMarkdown_ReturnsSlackMrkdwn(string markdown, string expected) =>
        Assert.Equal(expected, MarkdownToMrkdwn.Convert(markdown, Users));

    [Fact]
    public void Convert_WhenUsersAreKeyedWithAnotherComparer_MatchesIgnoringCase()
    {
        var users = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["Ada"] = "U0AAA0001" };

        Assert.Equal("<@U0AAA0001> <@U0AAA0001>", MarkdownToMrkdwn.Convert("@ada @ADA", users));
    }

    [Fact]
    public void Convert_WhenNoUsersAreGiven_LeavesNamesAsText() =>
        Assert.Equal("@ada <!here>", MarkdownToMrkdwn.Convert("@ada @here"));

    [Fact]
    public void Convert_WhenTheSlackIdIsNotAnId_LeavesTheNameAsText()
    {
        var users = new Dictionary<string, string> { ["ada"] = "U1><!channel" };

        Assert.Equal("@ada", MarkdownToMrkdwn.Convert("@ada", users));
    }

    [Fact]
    public void Convert_WhenTextHasLoneSurrogatesAndControlCharacters_ReplacesOrDropsThem() =>
        Assert.Equal("a\uFFFDb\uFFFDc\td", MarkdownToMrkdwn.Convert("a\uD800b\uDC00c\t\0\u0007d"));

    [Fact]
    public void Convert_WhenThousandsOfUnmatchedDelimiters_StaysFast()
    {
        var hostile = string.Concat(Enumerable.Repeat("*a _b `c [d ~~e ", 20_000));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = MarkdownToMrkdwn.Convert(hostile);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.DoesNotContain("```", result, StringComparison.Ordinal);
    }

    [Fact]
    public void FindMentionedUsernames_WhenTextHasMentions_ReturnsEachNameOnceOutsideCode()
    {
        const string markdown = "@ada @bob `@carol` and\n```\n@dave\n```\na@b.com @Ada @here [@erin](https://x.com/@frank) @eve. @grace.h";

        Assert.Equal(["ada", "bob", "eve", "grace.h"], MarkdownToMrkdwn.FindMentionedUsernames(markdown));
    }

    [Fact]
    public void FindMentionedUsernames_WhenThereAreNone_ReturnsEmpty() =>
        Assert.Empty(MarkdownToMrkdwn.FindMentionedUsernames("no mentions, e-mail a@b.com"));
}
