using System.Text;
using CodeStream.Integrations.Application.Slack.Formatting;

namespace CodeStream.Integrations.Application.UnitTests.Slack.Formatting;

/// <summary>Seeded random input through both converters.</summary>
public sealed class FormattingPropertyTests
{
    private const int Runs = 500;

    [Fact]
    public void MarkdownToMrkdwn_WhenGivenRandomText_EscapesEverythingAndBalancesFences()
    {
        var random = new Random(7);
        for (var run = 0; run < Runs; run++)
        {
            var markdown = SlackTestData.RandomText(random, 50_000);

            var mrkdwn = MarkdownToMrkdwn.Convert(markdown, SlackTestData.SlackUsers);

            Assert.False(SlackText.HasLoneSurrogate(mrkdwn));
            AssertEntitiesAndTokens(mrkdwn);
            var fences = 0;
            foreach (var line in mrkdwn.Split('\n'))
            {
                var count = Occurrences(line, "```");
                Assert.True(count == 0 || line == "```", $"``` inside a line: {line}");
                fences += count;
            }

            Assert.Equal(0, fences % 2);
        }
    }

    [Fact]
    public void MrkdwnToMarkdown_WhenGivenRandomText_NeverThrowsAndReportsValidMentions()
    {
        var random = new Random(11);
        for (var run = 0; run < Runs; run++)
        {
            var slackText = SlackTestData.RandomText(random, 50_000);

            var result = MrkdwnToMarkdown.Convert(slackText, id => id == "U123" ? "ada" : null);

            Assert.All(result.MentionedSlackUserIds, id => Assert.Equal("U123", id));
            var mentioned = slackText.Contains("<@U123>", StringComparison.Ordinal);
            if (result.MentionedSlackUserIds.Count > 0)
            {
                Assert.True(mentioned);
            }

            if (mentioned && !slackText.Contains('`', StringComparison.Ordinal))
            {
                Assert.Single(result.MentionedSlackUserIds);
                Assert.DoesNotContain("<@U123>", result.Markdown, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Convert_WhenPlainTextRoundTrips_ReturnsTheSameText()
    {
        // Text without Markdown or mrkdwn markup survives Markdown → mrkdwn → Markdown unchanged: every &, <, > escaped once.
        const string alphabet = "abc xyz &<>&<>.,;!?0123456789\n\t()";
        string[] extras = ["😀", "👩🏽‍💻", "עברית", "e\u0301", "&amp;", "&lt;", "<<>>", "&&"];
        var random = new Random(13);
        for (var run = 0; run < Runs; run++)
        {
            var text = new StringBuilder();
            var length = random.Next(0, 2000);
            while (text.Length < length)
            {
                text.Append(random.Next(10) == 0 ? extras[random.Next(extras.Length)] : alphabet[random.Next(alphabet.Length)].ToString());
            }

            var original = text.ToString();

            var back = MrkdwnToMarkdown.Convert(MarkdownToMrkdwn.Convert(original), _ => null).Markdown;

            Assert.Equal(original, back);
        }
    }

    private static void AssertEntitiesAndTokens(string mrkdwn)
    {
        for (var i = 0; i < mrkdwn.Length; i++)
        {
            switch (mrkdwn[i])
            {
                case '&':
                    Assert.True(
                        mrkdwn.AsSpan(i).StartsWith("&amp;") || mrkdwn.AsSpan(i).StartsWith("&lt;") || mrkdwn.AsSpan(i).StartsWith("&gt;"),
                        $"raw & at {i}: {Around(mrkdwn, i)}");
                    break;
                case '<':
                    {
                        var close = mrkdwn.IndexOf('>', i);
                        Assert.True(close > i, $"unclosed < at {i}: {Around(mrkdwn, i)}");
                        var token = mrkdwn[(i + 1)..close];
                        Assert.True(
                            token.StartsWith("@U", StringComparison.Ordinal) || token.StartsWith('!') || token.StartsWith("http", StringComparison.Ordinal)
                                || token.StartsWith("mailto:", StringComparison.Ordinal),
                            $"unexpected token <{token}>");
                        Assert.DoesNotContain('<', token);
                        i = close;
                        break;
                    }

                case '>':
                    Assert.Fail($"raw > at {i}: {Around(mrkdwn, i)}");
                    break;
            }
        }
    }

    private static string Around(string text, int index) => text.Substring(Math.Max(0, index - 20), Math.Min(40, text.Length - Math.Max(0, index - 20)));

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
