using CodeStream.Integrations.Application.Slack.Messages;

namespace CodeStream.Integrations.Application.UnitTests.Slack.BlockKit;

/// <summary>Seeded random hostile input (long texts, many markers, long paths, fences in code, emoji, RTL, combining marks).</summary>
public sealed class CodemarkCardPropertyTests
{
    private const int Runs = 500;

    [Fact]
    public void Render_WhenGivenRandomCodemarks_StaysWithinBlockKitLimits()
    {
        var random = new Random(20251123);
        for (var run = 0; run < Runs; run++)
        {
            var codemark = SlackTestData.RandomCodemark(random);
            var input = new CodemarkCardInput(
                codemark,
                SlackTestData.RandomText(random, 300),
                random.Next(10) == 0 ? new Uri("https://cs.example.com/" + new string('w', 3000)) : SlackTestData.WebBaseUrl,
                InteractiveComponentsEnabled: random.Next(2) == 0,
                RepliesSyncFromSlack: random.Next(2) == 0,
                SlackTestData.SlackUsers);

            var content = CodemarkCard.Render(input);

            var blocks = BlockKitAssert.WithinLimits(content);
            Assert.StartsWith("codestream://codemark/", (string)blocks[^1]!["block_id"]!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_WhenGivenRandomReplies_StaysWithinBlockKitLimits()
    {
        var random = new Random(5);
        for (var run = 0; run < Runs; run++)
        {
            var content = ReplyCopy.Render(
                SlackTestData.RandomText(random, 50_000), SlackTestData.RandomText(random, 200), SlackTestData.SlackUsers);

            BlockKitAssert.WithinLimits(content);
        }
    }
}
