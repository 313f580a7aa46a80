namespace CodeStream.Integrations.Application.Slack.Messages;

/// <summary>
/// Slack's Block Kit limits (api.slack.com/reference/block-kit): the renderers cut or drop content to stay within them.
/// </summary>
internal static class BlockKitLimits
{
    /// <summary>Blocks in one message.</summary>
    public const int MaxBlocks = 50;

    /// <summary>Blocks in one modal view.</summary>
    public const int MaxModalBlocks = 100;

    /// <summary>The text of a section block (and of any text object).</summary>
    public const int MaxSectionText = 3000;

    public const int MaxContextElements = 10;

    public const int MaxActionsElements = 25;

    public const int MaxButtonText = 75;

    public const int MaxButtonUrl = 3000;

    public const int MaxActionId = 255;

    public const int MaxBlockId = 255;

    /// <summary>
    /// All the text of a message's blocks together. Undocumented: Slack answers <c>msg_blocks_too_long</c> from about
    /// 12,000 characters (slackapi/bolt-js#2509, #2867), some of it taken by the blocks' structure; this keeps clear of it.
    /// </summary>
    public const int MaxBlocksText = 10_000;

    /// <summary>Slack truncates a message's top-level <c>text</c> past this.</summary>
    public const int MaxMessageText = 40_000;

    /// <summary>The <c>username</c> a bot posts under.</summary>
    public const int MaxUsername = 80;
}
