using System.Globalization;
using System.Text;
using System.Text.Json;
using CodeStream.Integrations.Application.Slack.Formatting;
using CodeStream.Integrations.Application.Slack.Interactivity;
using CodeStream.Integrations.Application.Slack.Interactivity.SubmitReplyModal;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Users;

namespace CodeStream.Integrations.Application.Slack.Messages;

/// <summary>
/// The "Post a Reply" modal: author and time, the codemark's text, a code section per marker, the input (exact block
/// and action ids), then the newest replies that fit — shown oldest first — within Slack's limits of 100 blocks and
/// 3,000 characters per text. Written with the same <see cref="BlockWriter"/>, escaping and cuts as the shared card.
/// </summary>
public static class ReplyModalView
{
    public const string CallbackId = "codemark-reply";
    public const string InputBlockId = "block__text_input--message";
    public const string InputActionId = "action__text_input--message";
    public const int MaxBlocks = BlockKitLimits.MaxModalBlocks;
    public const int MaxText = BlockKitLimits.MaxSectionText;

    private const int MaxMarkerBlocks = 40;

    public static string Build(
        Codemark codemark, User? author, IReadOnlyList<Post> replies, IReadOnlyDictionary<UserId, string> namesByUser, ReplyModalMetadata metadata)
    {
        using var blocks = new BlockWriter(16 * 1024);
        using var text = new CharBuffer(MaxText + 64);

        Bold(text, author?.DisplayName ?? "Someone");
        text.Append(" · ");
        text.Append(codemark.Type.ToString().ToLowerInvariant());
        text.Append(" · ");
        AppendDate(text, codemark.CreatedAt, " UTC");
        Context(blocks, text);

        AppendBody(text, codemark);
        if (text.Length == 0)
        {
            text.Append(' '); // Slack refuses an empty section.
        }

        Section(blocks, text);

        foreach (var marker in codemark.Markers)
        {
            if (blocks.BlockCount >= MaxMarkerBlocks)
            {
                text.Clear();
                text.Append(codemark.Markers.Count - (blocks.BlockCount - 2));
                text.Append(" more markers in CodeStream");
                Context(blocks, text);
                break;
            }

            text.Clear();
            if (MarkerSection.TryAppend(text, marker, MaxText, out _))
            {
                blocks.Section(text.Span);
            }
        }

        blocks.PlainTextInput(InputBlockId, "Reply", InputActionId, "Compose a reply", multiline: true);

        // Newest first until the view is full (a divider goes before them), then shown oldest first. The repository
        // lists oldest first; walking it backwards keeps its order for replies of the same millisecond.
        var room = MaxBlocks - blocks.BlockCount - 1;
        var shown = new List<string>();
        foreach (var reply in replies.Where(r => !r.IsDeleted).Reverse())
        {
            if (shown.Count >= room)
            {
                break;
            }

            text.Clear();
            Bold(text, namesByUser.GetValueOrDefault(reply.CreatorId, "Someone"));
            text.Append(' ');
            AppendDate(text, reply.CreatedAt, string.Empty);
            text.Append('\n');
            MarkdownToMrkdwn.AppendConverted(text, reply.Text, null, suppressBold: false, MaxText + 64);
            SlackText.FitMrkdwn(text, MaxText);
            shown.Add(text.ToString());
        }

        if (shown.Count > 0)
        {
            blocks.Divider();
            for (var i = shown.Count - 1; i >= 0; i--)
            {
                blocks.Section(shown[i]);
            }
        }

        return blocks.FinishModal("Post a Reply", "Cancel", submit: "Reply", CallbackId, metadata.ToJson());
    }

    /// <summary>Slack's answer to a submission: the "Reply Sent" view, or the error under the input.</summary>
    public static string Answer(ModalSubmissionResult result)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            if (result.FieldError is { } error)
            {
                json.WriteString("response_action"u8, "errors"u8);
                json.WriteStartObject("errors"u8);
                json.WriteString(InputBlockId, error);
                json.WriteEndObject();
            }
            else
            {
                json.WriteString("response_action"u8, "update"u8);
                json.WritePropertyName("view"u8);
                json.WriteRawValue(ReplySent(result.InviteToCodeStream), skipInputValidation: true);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The view that replaces the modal after a reply was posted.</summary>
    public static string ReplySent(bool invite)
    {
        using var blocks = new BlockWriter(512);
        blocks.Section("Reply posted to CodeStream!");
        if (invite)
        {
            blocks.Context("Join your team on CodeStream to see the whole discussion next to the code, in your IDE.");
        }

        return blocks.FinishModal("Reply Sent", "Close");
    }

    private static void AppendBody(CharBuffer text, Codemark codemark)
    {
        text.Clear();
        if (codemark.Type is CodemarkType.Issue or CodemarkType.Question or CodemarkType.Bookmark && codemark.Title is not null)
        {
            Bold(text, codemark.Title);
            text.Append('\n');
        }

        MarkdownToMrkdwn.AppendConverted(text, codemark.Text, null, suppressBold: false, MaxText + 64);
        text.TrimEnd();
        SlackText.FitMrkdwn(text, MaxText);
    }

    private static void Bold(CharBuffer text, string value)
    {
        text.Append('*');
        SlackText.AppendEscaped(text, value);
        text.Append('*');
    }

    /// <summary>A Slack date token (shown in the reader's time zone) with its UTC fallback.</summary>
    private static void AppendDate(CharBuffer text, DateTimeOffset at, string fallbackSuffix)
    {
        text.Append("<!date^");
        text.Append(at.ToUnixTimeSeconds());
        text.Append("^{date_short_pretty} at {time}|");
        text.Append(at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        text.Append(fallbackSuffix);
        text.Append('>');
    }

    private static void Section(BlockWriter blocks, CharBuffer text)
    {
        SlackText.FitMrkdwn(text, MaxText);
        blocks.Section(text.Span);
        text.Clear();
    }

    private static void Context(BlockWriter blocks, CharBuffer text)
    {
        SlackText.FitMrkdwn(text, MaxText);
        blocks.Context(text.Span);
        text.Clear();
    }
}
