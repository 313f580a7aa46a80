using System.Globalization;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Formatting;
using CodeStream.Integrations.Domain.Core.Codemarks;

namespace CodeStream.Integrations.Application.Slack.Messages;

/// <summary>
/// The Slack message of a shared codemark (docs/slack-behaviour.md, “The shared card”), in order: a context (author, type, date); a section with the
/// title and text; per marker a section with <c>`[repo] path`</c>, the lines and the code, then its "Open in IDE" /
/// "Open on GitHub…" buttons; the "View Discussion &amp; Reply" / "Open on Web" buttons; a context whose block id
/// (<c>codestream://codemark/{id}?teamId={teamId}</c>) marks the message as this codemark's. Whatever the input, it
/// stays within Block Kit's limits: at most 50 blocks, texts cut at 3000 characters with a notice, over-long URLs and
/// action ids dropped, action ids unique.
/// </summary>
public static class CodemarkCard
{
    public const string ReplyActionsBlockId = "codemark-actions";
    public const string TruncationNotice = "This was partially truncated. Open in IDE to view it in full.";
    public const string RepliesSyncNotice = "Replies in thread will be shared to CodeStream";
    public const string DiscussNotice = "Discuss in CodeStream";

    private const int MaxAuthorName = 150;
    private const int MaxFallbackHeadline = 1000;
    private const int MaxFallbackSource = 4000;

    // Text kept for what follows the markers ("N more markers", the final buttons, the footer) and for a marker's buttons.
    private const int TailTextReserve = 160;
    private const int MarkerButtonsText = 40;

    public static SlackMessageContent Render(CodemarkCardInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Codemark);
        ArgumentNullException.ThrowIfNull(input.WebBaseUrl);

        var codemark = input.Codemark;
        var codemarkId = codemark.Id.Value ?? string.Empty;
        var teamId = codemark.TeamId.Value ?? string.Empty;
        var baseUrl = BaseUrl(input.WebBaseUrl);
        var markers = codemark.Markers ?? [];

        using var body = new CharBuffer(Math.Min((codemark.Text?.Length ?? 0) + (codemark.Title?.Length ?? 0), BlockKitLimits.MaxSectionText) + 64);
        AppendBody(body, codemark, input.SlackUserIdsByUsername);
        var bodyTruncated = SlackText.FitMrkdwn(body, BlockKitLimits.MaxSectionText);
        var hasBody = body.HasVisibleText();

        var webUrl = string.Concat(baseUrl, "codemark/", Uri.EscapeDataString(codemarkId));
        var hasWebButton = webUrl.Length <= BlockKitLimits.MaxButtonUrl;
        var hasActions = input.InteractiveComponentsEnabled || hasWebButton;
        var fixedBlocks = 1 + (hasBody ? 1 : 0) + (hasBody && bodyTruncated ? 1 : 0) + (hasActions ? 1 : 0) + 1;

        using var writer = new BlockWriter(2048 + (Math.Min(markers.Count, 3) * BlockKitLimits.MaxSectionText));

        // The final buttons' action ids first: the reply button's is exactly {"linkType":"reply","cId":…,"tId":…}.
        var replyActionId = input.InteractiveComponentsEnabled ? CodemarkButtons.ClaimActionId(writer, "reply", null, codemarkId, teamId, null, -1) : null;
        var webActionId = hasWebButton ? CodemarkButtons.ClaimActionId(writer, "web", null, codemarkId, teamId, null, -1) : null;

        WriteHeader(writer, codemark, input.AuthorName);
        if (hasBody)
        {
            writer.Section(body.Span);
            if (bodyTruncated)
            {
                writer.Context(TruncationNotice);
            }
        }

        WriteMarkers(writer, markers, baseUrl, codemarkId, teamId, BlockKitLimits.MaxBlocks - fixedBlocks);

        if (replyActionId is not null || webActionId is not null)
        {
            writer.StartActions(ReplyActionsBlockId);
            if (replyActionId is not null)
            {
                writer.Button("View Discussion & Reply", null, replyActionId);
            }

            if (webActionId is not null)
            {
                writer.Button("Open on Web", webUrl, webActionId);
            }

            writer.EndBlock();
        }

        var footerBlockId = string.Concat("codestream://codemark/", codemarkId, "?teamId=", teamId);
        writer.Context(
            input.RepliesSyncFromSlack ? RepliesSyncNotice : DiscussNotice,
            footerBlockId.Length <= BlockKitLimits.MaxBlockId ? footerBlockId : null);

        var blocks = writer.Finish();
        return new SlackMessageContent(FallbackText(codemark, input.AuthorName, input.SlackUserIdsByUsername), blocks);
    }

    // ---- Header and body ----

    private static void WriteHeader(BlockWriter writer, Codemark codemark, string? authorName)
    {
        var author = SlackText.Plain(authorName, MaxAuthorName);
        writer.StartContext();
        writer.ContextPlain(author.Length > 0 ? author : "Someone");

        var createdAt = codemark.CreatedAt.ToUniversalTime();
        Span<char> line = stackalloc char[160];
        var written = 0;
        Append(line, ref written, TypeLabel(codemark.Type));
        Append(line, ref written, " · <!date^");
        createdAt.ToUnixTimeSeconds().TryFormat(line[written..], out var digits, provider: CultureInfo.InvariantCulture);
        written += digits;
        Append(line, ref written, "^{date_short_pretty} at {time}|");
        createdAt.TryFormat(line[written..], out var fallback, "MMM d, yyyy 'at' h:mm tt 'UTC'", CultureInfo.InvariantCulture);
        written += fallback;
        Append(line, ref written, ">");
        writer.ContextMrkdwn(line[..written]);
        writer.EndBlock();
    }

    private static void Append(Span<char> destination, ref int written, string value)
    {
        value.CopyTo(destination[written..]);
        written += value.Length;
    }

    private static string TypeLabel(CodemarkType type) => type switch
    {
        CodemarkType.Comment => "Comment",
        CodemarkType.Issue => "Issue",
        CodemarkType.Question => "Question",
        CodemarkType.Bookmark => "Bookmark",
        CodemarkType.Trap => "Trap",
        CodemarkType.Link => "Link",
        _ => "Codemark",
    };

    /// <summary>Issue/question: bold title, then text; bookmark: the title; others: the text (else the title).</summary>
    private static void AppendBody(CharBuffer body, Codemark codemark, IReadOnlyDictionary<string, string>? users)
    {
        const int stopAfter = BlockKitLimits.MaxSectionText + 64;
        var title = string.IsNullOrWhiteSpace(codemark.Title) ? null : codemark.Title.Trim();
        var text = string.IsNullOrWhiteSpace(codemark.Text) ? null : codemark.Text;
        switch (codemark.Type)
        {
            case CodemarkType.Issue or CodemarkType.Question when title is not null:
                AppendBoldTitle(body, title, users);
                if (text is not null)
                {
                    body.Append('\n');
                    MarkdownToMrkdwn.AppendConverted(body, text, users, suppressBold: false, stopAfter);
                }

                break;
            case CodemarkType.Bookmark:
                MarkdownToMrkdwn.AppendConverted(body, title ?? text, users, suppressBold: false, stopAfter);
                break;
            default:
                MarkdownToMrkdwn.AppendConverted(body, text ?? title, users, suppressBold: false, stopAfter);
                break;
        }

        body.TrimEnd();
    }

    private static void AppendBoldTitle(CharBuffer body, string title, IReadOnlyDictionary<string, string>? users)
    {
        using var converted = new CharBuffer(Math.Min(title.Length, BlockKitLimits.MaxSectionText) + 16);
        MarkdownToMrkdwn.AppendConverted(converted, title, users, suppressBold: true, BlockKitLimits.MaxSectionText + 64);
        converted.TrimEnd();
        var span = converted.Span.TrimStart();
        if (span.IsEmpty)
        {
            return;
        }

        // Slack bold does not cross lines: a multi-line title stays as it is.
        var bold = span.IndexOf('\n') < 0;
        if (bold)
        {
            body.Append('*');
        }

        body.Append(span);
        if (bold)
        {
            body.Append('*');
        }
    }

    // ---- Markers ----

    private static void WriteMarkers(
        BlockWriter writer, IReadOnlyList<Marker> markers, string baseUrl, string codemarkId, string teamId, int available)
    {
        if (markers.Count == 0)
        {
            return;
        }

        using var section = new CharBuffer(BlockKitLimits.MaxSectionText + 8);
        var used = 0;
        for (var index = 0; index < markers.Count; index++)
        {
            var marker = markers[index];
            if (marker is null)
            {
                continue;
            }

            // Within 3000 characters, and within what the message's text budget has left.
            var room = BlockKitLimits.MaxBlocksText - writer.TextLength - TailTextReserve - MarkerButtonsText - TruncationNotice.Length;
            section.Clear();
            var fits = MarkerSection.TryAppend(section, marker, Math.Min(BlockKitLimits.MaxSectionText, room), out var truncated);
            var ide = fits ? CodemarkButtons.IdeButton(writer, marker, index, baseUrl, codemarkId, teamId) : null;
            var external = fits ? CodemarkButtons.ExternalButton(writer, marker, index, codemarkId, teamId) : null;
            var blocks = 1 + (truncated ? 1 : 0) + (ide is null && external is null ? 0 : 1);

            // Keep one block for "N more markers" unless this is the last marker.
            var reserve = index < markers.Count - 1 ? 1 : 0;
            if (!fits || used + blocks + reserve > available)
            {
                var more = markers.Count - index;
                writer.Context(more == 1 ? "1 more marker in CodeStream" : $"{more} more markers in CodeStream");
                return;
            }

            writer.Section(section.Span);
            if (truncated)
            {
                writer.Context(TruncationNotice);
            }

            if (ide is not null || external is not null)
            {
                writer.StartActions();
                if (ide is { } open)
                {
                    writer.Button(open.Text, open.Url, open.ActionId);
                }

                if (external is { } remote)
                {
                    writer.Button(remote.Text, remote.Url, remote.ActionId);
                }

                writer.EndBlock();
            }

            used += blocks;
        }
    }

    // ---- Helpers ----

    private static string BaseUrl(Uri webBaseUrl)
    {
        var url = webBaseUrl.IsAbsoluteUri ? webBaseUrl.AbsoluteUri : webBaseUrl.OriginalString;
        return url.EndsWith('/') ? url : url + "/";
    }

    /// <summary><c>{author} shared a codemark: {title or first line}</c> as mrkdwn (mentions converted).</summary>
    private static string FallbackText(Codemark codemark, string? authorName, IReadOnlyDictionary<string, string>? users)
    {
        var author = SlackText.Plain(authorName, MaxAuthorName);
        using var text = new CharBuffer(256);
        SlackText.AppendEscaped(text, author.Length > 0 ? author : "Someone");
        text.Append(" shared a codemark");

        var headline = Headline(codemark);
        if (headline.Length > 0)
        {
            using var converted = new CharBuffer(Math.Min(headline.Length, MaxFallbackHeadline) + 16);
            MarkdownToMrkdwn.AppendConverted(converted, headline, users, suppressBold: false, MaxFallbackHeadline + 64);
            converted.TrimEnd();
            SlackText.FitMrkdwn(converted, MaxFallbackHeadline);
            if (converted.HasVisibleText())
            {
                text.Append(": ");
                text.Append(converted.Span.TrimStart());
            }
        }

        return text.ToString();
    }

    private static string Headline(Codemark codemark)
    {
        if (!string.IsNullOrWhiteSpace(codemark.Title))
        {
            return FirstLine(codemark.Title);
        }

        return string.IsNullOrWhiteSpace(codemark.Text) ? string.Empty : FirstLine(codemark.Text);
    }

    /// <summary>The first line with words (a fence marker has none), cut to a sane length.</summary>
    private static string FirstLine(string text)
    {
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan(range.Start.Value, range.End.Value - range.Start.Value).Trim();
            if (line.IsEmpty || line.StartsWith(SlackText.Fence) || line.StartsWith("~~~"))
            {
                continue;
            }

            if (line.Length > MaxFallbackSource)
            {
                line = line[..SlackText.SafeCut(line, MaxFallbackSource)];
            }

            return line.ToString();
        }

        return string.Empty;
    }
}
