using System.Text.Json;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Formatting;

namespace CodeStream.Integrations.Application.UnitTests.Slack;

/// <summary>Checks a rendered message against Slack's Block Kit limits (api.slack.com/reference/block-kit).</summary>
internal static class BlockKitAssert
{
    public static JsonArray WithinLimits(SlackMessageContent content)
    {
        Assert.NotNull(content.BlocksJson);
        Assert.False(string.IsNullOrEmpty(content.Text));
        Assert.True(content.Text.Length <= 40_000, $"fallback text has {content.Text.Length} characters");
        AssertNoLoneSurrogate(content.Text, "fallback text");
        if (content.Username is not null)
        {
            Assert.InRange(content.Username.Length, 1, 80);
            AssertNoLoneSurrogate(content.Username, "username");
        }

        // Strict parsing: JsonDocument rejects invalid JSON and invalid escapes.
        using (JsonDocument.Parse(content.BlocksJson))
        {
        }

        var blocks = JsonNode.Parse(content.BlocksJson)!.AsArray();
        Assert.InRange(blocks.Count, 1, 50);

        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        var actionIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            var type = (string)block!["type"]!;
            if (block["block_id"] is { } blockIdNode)
            {
                var blockId = (string)blockIdNode!;
                Assert.InRange(blockId.Length, 1, 255);
                Assert.True(blockIds.Add(blockId), $"block_id {blockId} is used twice");
            }

            switch (type)
            {
                case "section":
                    AssertText(block["text"]!, 3000);
                    break;
                case "context":
                    {
                        var elements = block["elements"]!.AsArray();
                        Assert.InRange(elements.Count, 1, 10);
                        foreach (var element in elements)
                        {
                            AssertText(element!, 3000);
                        }

                        break;
                    }

                case "actions":
                    {
                        var elements = block["elements"]!.AsArray();
                        Assert.InRange(elements.Count, 1, 25);
                        foreach (var button in elements)
                        {
                            Assert.Equal("button", (string)button!["type"]!);
                            Assert.Equal("plain_text", (string)button["text"]!["type"]!);
                            AssertText(button["text"]!, 75);
                            if (button["url"] is { } url)
                            {
                                var value = (string)url!;
                                Assert.InRange(value.Length, 1, 3000);
                                Assert.True(Uri.TryCreate(value, UriKind.Absolute, out _), $"button url {value} is not absolute");
                            }

                            var actionId = (string)button["action_id"]!;
                            Assert.InRange(actionId.Length, 1, 255);
                            Assert.True(actionIds.Add(actionId), $"action_id {actionId} is used twice");
                            using (JsonDocument.Parse(actionId))
                            {
                            }
                        }

                        break;
                    }

                default:
                    Assert.Fail($"unexpected block type {type}");
                    break;
            }
        }

        AssertStrings(blocks);
        var totalText = TotalText(blocks);
        Assert.True(totalText <= 10_000, $"the blocks hold {totalText} characters of text (msg_blocks_too_long from about 12,000)");
        return blocks;
    }

    /// <summary>The characters of every text object in the blocks.</summary>
    public static int TotalText(JsonArray blocks) =>
        blocks.Sum(block => (string)block!["type"]! switch
        {
            "section" => ((string)block["text"]!["text"]!).Length,
            "context" => block["elements"]!.AsArray().Sum(e => ((string)e!["text"]!).Length),
            _ => block["elements"]!.AsArray().Sum(e => ((string)e!["text"]!["text"]!).Length),
        });

    public static IEnumerable<JsonNode> Blocks(JsonArray blocks, string type) => blocks.Where(b => (string)b!["type"]! == type).Select(b => b!);

    public static IEnumerable<JsonNode> Buttons(JsonArray blocks) =>
        Blocks(blocks, "actions").SelectMany(b => b["elements"]!.AsArray()).Select(b => b!);

    private static void AssertText(JsonNode text, int max)
    {
        var type = (string)text["type"]!;
        Assert.True(type is "mrkdwn" or "plain_text", $"unexpected text type {type}");
        var value = (string)text["text"]!;
        Assert.False(string.IsNullOrWhiteSpace(value), "empty text");
        Assert.True(value.Length <= max, $"{type} text has {value.Length} characters (max {max})");
    }

    private static void AssertStrings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    AssertNoLoneSurrogate(name, "property name");
                    AssertStrings(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    AssertStrings(item);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                AssertNoLoneSurrogate((string)value!, "string value");
                break;
        }
    }

    private static void AssertNoLoneSurrogate(string value, string what) =>
        Assert.False(SlackText.HasLoneSurrogate(value), $"{what} holds a lone surrogate");
}
