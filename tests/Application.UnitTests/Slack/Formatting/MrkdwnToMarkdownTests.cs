using CodeStream.Integrations.Application.Slack.Formatting;

namespace CodeStream.Integrations.Application.UnitTests.Slack.Formatting;

public sealed class MrkdwnToMarkdownTests
{
    private static readonly Dictionary<string, string> Usernames = new(StringComparer.Ordinal) { ["U0BBB0002"] = "ada" };

    public static TheoryData<string, string> Conversions => new()
    {
        // The spec's example.
        {
            "Good catch <@U0BBB0002>, I think we should use `ConfigureAwait(false)` here &amp; add a test",
            "Good catch @ada, I think we should use `ConfigureAwait(false)` here & add a test"
        },

        // Mentions, channels, broadcasts, user groups, dates.
        { "<@U0BBB0002|someone>", "@ada" },
        { "<@U0CCC0003|grace>", "@grace" },
        { "<@U0CCC0003>", "@U0CCC0003" },
        { "<#C123|general> and <#C456>", "#general and #C456" },
        { "<!here> <!channel> <!everyone> <!here|here>", "@here @channel @everyone @here" },
        { "<!subteam^S1|@team> <!subteam^S2|devs> <!subteam^S3>", "@team @devs @S3" },
        { "<!date^1392734382^{date_short} at {time}|Feb 18, 2014 at 6:39 AM>", "Feb 18, 2014 at 6:39 AM" },

        // Links.
        { "<https://x.com|label>", "[label](https://x.com)" },
        { "<https://x.com>", "https://x.com" },
        { "<https://x.com|https://x.com>", "https://x.com" },
        { "<mailto:a@b.com|a@b.com>", "a@b.com" },
        { "<mailto:a@b.com|write to A>", "[write to A](mailto:a@b.com)" },
        { "<https://x.com/?a=1&amp;b=2|a &amp; [b]>", "[a & \\[b\\]](https://x.com/?a=1&b=2)" },
        { "<https://x.com/a_(b)|wiki>", "[wiki](<https://x.com/a_(b)>)" },
        { "<HTTPS://X.COM|caps>", "[caps](HTTPS://X.COM)" },

        // Only http, https and mailto links survive; any other scheme leaves its text, unlinked.
        { "<javascript:alert(1)|x>", "x" },
        { "<JavaScript:alert(document.cookie)|click me>", "click me" },
        { "<javascript:alert(1)>", "javascript:alert(1)" },
        { "<data:text/html;base64,PHNjcmlwdD4=|pic>", "pic" },
        { "<vbscript:msgbox(1)|vb>", "vb" },
        { "< javascript:alert(1)|spaced>", "spaced" },

        // Entities: Slack's three, exactly once.
        { "&amp; &lt; &gt;", "& < >" },
        { "&amp;lt; &copy; & alone", "&lt; &copy; & alone" },
        { "&gt; a quote", "> a quote" },

        // Formatting.
        { "*bold* _italic_ ~strike~", "**bold** _italic_ ~~strike~~" },
        { "*bold with _italic_ inside*", "**bold with _italic_ inside**" },
        { "snake_case_name, 2*3*4 and a * b", "snake_case_name, 2*3*4 and a * b" },
        { "*not closed\nnext line*", "*not closed\nnext line*" },
        { "**literal** ~~runs~~", "**literal** ~~runs~~" },

        // Code: kept, only unescaped, no formatting inside.
        { "`a &lt; b *x* <@U0BBB0002>`", "`a < b *x* <@U0BBB0002>`" },
        { "```if (a &amp;&amp; b) *x*```", "```\nif (a && b) *x*\n```" },
        { "see:\n```\nline 1\nline 2\n```\ndone", "see:\n```\nline 1\nline 2\n```\ndone" },
        { "before ```code``` after", "before \n```\ncode\n```\n after" },
        { "unclosed ``` fence", "unclosed ``` fence" },

        // Everything else untouched.
        { "Ünïcode 🎉 עברית", "Ünïcode 🎉 עברית" },
        { "a < b", "a < b" },
        { string.Empty, string.Empty },
    };

    [Theory]
    [MemberData(nameof(Conversions))]
    public void Convert_WhenGivenSlackText_ReturnsMarkdown(string slackText, string expected) =>
        Assert.Equal(expected, MrkdwnToMarkdown.Convert(slackText, id => Usernames.GetValueOrDefault(id)).Markdown);

    [Fact]
    public void Convert_WhenUsersAreMentioned_ReturnsEachIdOnceInOrder()
    {
        var result = MrkdwnToMarkdown.Convert("<@U2> then <@U1|x>, <@U2> again, `<@U3>` in code", _ => null);

        Assert.Equal(["U2", "U1"], result.MentionedSlackUserIds);
        Assert.Equal("@U2 then @x, @U2 again, `<@U3>` in code", result.Markdown);
    }

    [Fact]
    public void Convert_WhenNobodyIsMentioned_ReturnsNoIds() =>
        Assert.Empty(MrkdwnToMarkdown.Convert("<!here> hello", _ => "x").MentionedSlackUserIds);

    [Fact]
    public void Convert_WhenTheResolverIsNull_Throws() =>
        Assert.Throws<ArgumentNullException>(() => MrkdwnToMarkdown.Convert("x", null!));
}
