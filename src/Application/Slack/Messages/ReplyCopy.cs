using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Formatting;

namespace CodeStream.Integrations.Application.Slack.Messages;

/// <summary>
/// A CodeStream reply posted by the bot into the codemark's Slack thread: a section with the text (cut at 3000
/// characters with a notice) and a <c>replied via CodeStream</c> context, under the author's name.
/// </summary>
public static class ReplyCopy
{
    public const string RepliedViaNotice = "replied via CodeStream";

    public static SlackMessageContent Render(string replyMarkdown, string authorName, IReadOnlyDictionary<string, string>? slackUserIdsByUsername)
    {
        using var text = new CharBuffer(Math.Min(replyMarkdown?.Length ?? 0, BlockKitLimits.MaxSectionText) + 64);
        MarkdownToMrkdwn.AppendConverted(text, replyMarkdown, slackUserIdsByUsername, suppressBold: false, BlockKitLimits.MaxSectionText + 64);
        text.TrimEnd();
        var truncated = SlackText.FitMrkdwn(text, BlockKitLimits.MaxSectionText);
        var hasText = text.HasVisibleText();

        using var writer = new BlockWriter(text.Length * 2 + 512);
        if (hasText)
        {
            writer.Section(text.Span);
            if (truncated)
            {
                writer.Context(CodemarkCard.TruncationNotice);
            }
        }

        writer.Context(RepliedViaNotice);
        var username = SlackText.Plain(authorName, BlockKitLimits.MaxUsername);
        return new SlackMessageContent(
            hasText ? text.ToString() : RepliedViaNotice,
            writer.Finish(),
            username.Length > 0 ? username : null);
    }
}
