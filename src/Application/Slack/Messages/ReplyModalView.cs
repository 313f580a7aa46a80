using System.Text.Json.Nodes;
using CodeStream.Integrations.Application.Slack.Formatting;
using CodeStream.Integrations.Application.Slack.Interactivity;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Users;

namespace CodeStream.Integrations.Application.Slack.Messages;

/// <summary>
/// The "Post a Reply" modal (spec §6): author and time, the codemark's text, a code section per marker, the input
/// (exact block and action ids), then the newest replies that fit — shown oldest first — within Slack's limits of
/// 100 blocks and 3,000 characters per text.
/// </summary>
public static class ReplyModalView
{
    public const string CallbackId = "codemark-reply";
    public const string InputBlockId = "block__text_input--message";
    public const string InputActionId = "action__text_input--message";
    public const int MaxBlocks = 100;
    public const int MaxText = 3000;

    public static string Build(
        Codemark codemark, User? author, IReadOnlyList<Post> replies, IReadOnlyDictionary<UserId, string> namesByUser, ReplyModalMetadata metadata)
    {
        var blocks = new JsonArray
        {
            Context($"*{Escape(author?.DisplayName ?? "Someone")}* · {codemark.Type.ToString().ToLowerInvariant()} · <!date^{codemark.CreatedAt.ToUnixTimeSeconds()}^{{date_short_pretty}} at {{time}}|{codemark.CreatedAt:yyyy-MM-dd HH:mm} UTC>"),
            Section(Body(codemark)),
        };

        foreach (var marker in codemark.Markers)
        {
            if (blocks.Count >= 40)
            {
                blocks.Add(Context($"{codemark.Markers.Count - (blocks.Count - 2)} more markers in CodeStream"));
                break;
            }

            blocks.Add(Section(CodeSection(marker)));
        }

        blocks.Add(new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = InputBlockId,
            ["label"] = PlainText("Reply"),
            ["element"] = new JsonObject
            {
                ["type"] = "plain_text_input",
                ["action_id"] = InputActionId,
                ["multiline"] = true,
                ["placeholder"] = PlainText("Compose a reply"),
            },
        });

        // Newest first until the view is full, then shown oldest first.
        var room = MaxBlocks - blocks.Count - 1;
        var shown = new List<JsonObject>();
        // The repository lists oldest first; walking it backwards keeps its order for replies of the same millisecond.
        foreach (var reply in replies.Where(r => !r.IsDeleted).Reverse())
        {
            if (shown.Count >= room)
            {
                break;
            }

            var name = namesByUser.GetValueOrDefault(reply.CreatorId, "Someone");
            shown.Add(Section(Fit($"*{Escape(name)}* <!date^{reply.CreatedAt.ToUnixTimeSeconds()}^{{date_short_pretty}} at {{time}}|{reply.CreatedAt:yyyy-MM-dd HH:mm}>\n{MarkdownToMrkdwn.Convert(reply.Text)}")));
        }

        if (shown.Count > 0)
        {
            blocks.Add(new JsonObject { ["type"] = "divider" });
            shown.Reverse();
            foreach (var block in shown)
            {
                blocks.Add(block);
            }
        }

        var view = new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = CallbackId,
            ["title"] = PlainText("Post a Reply"),
            ["submit"] = PlainText("Reply"),
            ["close"] = PlainText("Cancel"),
            ["private_metadata"] = metadata.ToJson(),
            ["blocks"] = blocks,
        };
        return view.ToJsonString();
    }

    /// <summary>The view that replaces the modal after a reply was posted (spec §6).</summary>
    public static JsonObject ReplySent(bool invite)
    {
        var blocks = new JsonArray { Section("Reply posted to CodeStream!") };
        if (invite)
        {
            blocks.Add(Context("Join your team on CodeStream to see the whole discussion next to the code, in your IDE."));
        }

        return new JsonObject
        {
            ["type"] = "modal",
            ["title"] = PlainText("Reply Sent"),
            ["close"] = PlainText("Close"),
            ["blocks"] = blocks,
        };
    }

    private static string Body(Codemark codemark)
    {
        var text = MarkdownToMrkdwn.Convert(codemark.Text);
        return Fit(codemark.Type is CodemarkType.Issue or CodemarkType.Question or CodemarkType.Bookmark && codemark.Title is not null
            ? $"*{Escape(codemark.Title)}*\n{text}"
            : text.Length == 0 ? " " : text);
    }

    private static string CodeSection(Marker marker)
    {
        var header = $"`{(marker.Repo is null ? string.Empty : $"[{marker.Repo}] ")}{marker.File}` {marker.LinesLabel}\n";
        var code = Escape(marker.Code.Replace("```", "` ` `", StringComparison.Ordinal));
        var room = MaxText - header.Length - 8;
        if (code.Length > room)
        {
            code = code[..Math.Max(0, SafeCut(code, room - 1))] + "…";
        }

        return $"{header}```{code}```";
    }

    private static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Fit(mrkdwn) },
    };

    private static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = Fit(mrkdwn) } },
    };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static string Fit(string text) => text.Length <= MaxText ? text : text[..SafeCut(text, MaxText - 1)] + "…";

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    // Never cut between the halves of a surrogate pair.
    private static int SafeCut(string text, int max) => max > 0 && max < text.Length && char.IsHighSurrogate(text[max - 1]) ? max - 1 : Math.Min(max, text.Length);
}
