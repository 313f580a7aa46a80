using System.Globalization;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Formatting;
using CodeStream.Integrations.Domain.Core.Codemarks;

namespace CodeStream.Integrations.Application.Slack.Messages;

/// <summary>
/// The Slack message of a shared codemark (spec §7.5), in order: a context (author, type, date); a section with the
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
    private const int MaxRepoLabel = 200;
    private const int MaxLocationLabel = 600;
    private const int MaxFallbackHeadline = 1000;
    private const int MaxFallbackSource = 4000;
    private const string CodeFenceClose = "\n```";

    // Text kept for what follows the markers ("N more markers", the final buttons, the footer) and for a marker's
    // buttons; below MinMarkerCode characters of room a marker's code is not worth showing.
    private const int TailTextReserve = 160;
    private const int MarkerButtonsText = 40;
    private const int MinMarkerCode = 80;

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
        var replyActionId = input.InteractiveComponentsEnabled ? ClaimActionId(writer, "reply", null, codemarkId, teamId, null, -1) : null;
        var webActionId = hasWebButton ? ClaimActionId(writer, "web", null, codemarkId, teamId, null, -1) : null;

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
            var fits = AppendMarkerSection(section, marker, Math.Min(BlockKitLimits.MaxSectionText, room), out var truncated);
            var ide = fits ? IdeButton(writer, marker, index, baseUrl, codemarkId, teamId) : null;
            var external = fits ? ExternalButton(writer, marker, index, codemarkId, teamId) : null;
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

    /// <summary>
    /// <c>`[repo] path`</c>, the lines, and the code in a fence cut to fit <paramref name="limit"/> characters
    /// (<paramref name="truncated"/> when cut). False when not even the location and a little code fit.
    /// </summary>
    private static bool AppendMarkerSection(CharBuffer section, Marker marker, int limit, out bool truncated)
    {
        truncated = false;
        section.Append('`');
        var locationStart = section.Length;
        if (!string.IsNullOrWhiteSpace(marker.Repo))
        {
            section.Append('[');
            AppendLabelHead(section, marker.Repo.Trim(), MaxRepoLabel);
            section.Append("] ");
        }

        AppendLabelTail(section, marker.File ?? string.Empty, MaxLocationLabel - (section.Length - locationStart));
        if (section.Length == locationStart)
        {
            section.Append("(unknown file)");
        }

        section.Append("`\n");
        if (marker.StartLine == marker.EndLine)
        {
            section.Append("Line ");
            section.Append(marker.StartLine);
        }
        else
        {
            section.Append("Lines ");
            section.Append(marker.StartLine);
            section.Append('-');
            section.Append(marker.EndLine);
        }

        if (section.Length > limit)
        {
            return false;
        }

        var code = (marker.Code ?? string.Empty).AsSpan().TrimEnd("\r\n");
        if (code.IsWhiteSpace())
        {
            return true;
        }

        section.Append("\n```\n");
        var codeStart = section.Length;

        // Room for "…" and the closing fence.
        var budget = limit - codeStart - 1 - CodeFenceClose.Length;
        if (budget < Math.Min(MinMarkerCode, SlackText.EscapedLength(code, MinMarkerCode)))
        {
            return false;
        }

        var taken = SlackText.AppendEscapedWithin(section, code, budget);
        truncated = taken < code.Length;
        if (truncated)
        {
            // End on a whole line when one is near.
            var lastNewline = section.Span[codeStart..].LastIndexOf('\n');
            if (lastNewline > (section.Length - codeStart) / 2)
            {
                section.Truncate(codeStart + lastNewline + 1);
            }

            section.Append(SlackText.Ellipsis);
        }

        section.Append(CodeFenceClose);
        return true;
    }

    /// <summary>The start of <paramref name="text"/>, escaped, within <paramref name="budget"/> characters.</summary>
    private static void AppendLabelHead(CharBuffer output, string text, int budget)
    {
        var end = 0;
        var cost = 0;
        while (end < text.Length && cost + LabelCost(text[end]) <= budget - 1)
        {
            cost += LabelCost(text[end]);
            end++;
        }

        if (end == text.Length)
        {
            AppendLabel(output, text);
            return;
        }

        end = SlackText.SafeCut(text, end);
        AppendLabel(output, text.AsSpan(0, end));
        output.Append(SlackText.Ellipsis);
    }

    /// <summary>The end of <paramref name="text"/> (a path's file name matters most), escaped, within <paramref name="budget"/>.</summary>
    private static void AppendLabelTail(CharBuffer output, string text, int budget)
    {
        var start = text.Length;
        var cost = 0;
        while (start > 0 && cost + LabelCost(text[start - 1]) <= budget - 1)
        {
            cost += LabelCost(text[start - 1]);
            start--;
        }

        if (start == 0)
        {
            AppendLabel(output, text);
            return;
        }

        if (start < text.Length && char.IsLowSurrogate(text[start]))
        {
            start++;
        }

        output.Append(SlackText.Ellipsis);
        AppendLabel(output, text.AsSpan(start));
    }

    private static int LabelCost(char c) => c switch
    {
        '&' => 5,
        '<' or '>' => 4,
        _ => 1,
    };

    /// <summary>Text inside inline code on one line: escaped, no backticks (they would end the code), no line breaks.</summary>
    private static void AppendLabel(CharBuffer output, ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    output.Append("&amp;");
                    break;
                case '<':
                    output.Append("&lt;");
                    break;
                case '>':
                    output.Append("&gt;");
                    break;
                case '`':
                    output.Append('\u02CB');
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        output.Append(c);
                        output.Append(text[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        output.Append('\uFFFD');
                    }
                    else
                    {
                        output.Append(char.IsControl(c) ? ' ' : c);
                    }

                    break;
            }
        }
    }

    // ---- Buttons ----

    private readonly record struct ButtonSpec(string Text, string Url, string ActionId);

    private static ButtonSpec? IdeButton(BlockWriter writer, Marker marker, int index, string baseUrl, string codemarkId, string teamId)
    {
        var markerId = marker.Id.Value ?? string.Empty;
        var url = string.Concat(baseUrl, "codemark/", Uri.EscapeDataString(codemarkId), "/ide?markerId=", Uri.EscapeDataString(markerId));
        if (url.Length > BlockKitLimits.MaxButtonUrl)
        {
            return null;
        }

        var actionId = ClaimActionId(writer, "ide", null, codemarkId, teamId, markerId, index);
        return actionId is null ? null : new ButtonSpec("Open in IDE", url, actionId);
    }

    private static ButtonSpec? ExternalButton(BlockWriter writer, Marker marker, int index, string codemarkId, string teamId)
    {
        var remote = marker.RemoteCodeUrl;
        if (string.IsNullOrWhiteSpace(remote)
            || remote.Length > BlockKitLimits.MaxButtonUrl
            || !Uri.TryCreate(remote, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        var url = uri.AbsoluteUri;
        if (url.Length > BlockKitLimits.MaxButtonUrl || SlackText.HasLoneSurrogate(url))
        {
            return null;
        }

        var (text, provider) = RemoteProvider(uri.Host);
        var actionId = ClaimActionId(writer, "external", provider, codemarkId, teamId, marker.Id.Value ?? string.Empty, index);
        return actionId is null ? null : new ButtonSpec(text, url, actionId);
    }

    private static (string Text, string Provider) RemoteProvider(string host)
    {
        if (IsHost(host, "github.com"))
        {
            return ("Open on GitHub", "github");
        }

        if (IsHost(host, "gitlab.com") || host.StartsWith("gitlab.", StringComparison.OrdinalIgnoreCase))
        {
            return ("Open on GitLab", "gitlab");
        }

        if (IsHost(host, "bitbucket.org"))
        {
            return ("Open on Bitbucket", "bitbucket");
        }

        if (IsHost(host, "dev.azure.com") || IsHost(host, "visualstudio.com"))
        {
            return ("Open on Azure DevOps", "azuredevops");
        }

        return ("Open Code", "other");
    }

    private static bool IsHost(string host, string domain) =>
        host.Equals(domain, StringComparison.OrdinalIgnoreCase)
        || (host.Length > domain.Length && host.EndsWith(domain, StringComparison.OrdinalIgnoreCase) && host[^(domain.Length + 1)] == '.');

    /// <summary>
    /// A compact-JSON action id (<c>{"linkType":…,"eP":…,"cId":…,"tId":…,"mId":…}</c>) claimed for this message. When
    /// over 255 characters it drops <c>tId</c>, then names the marker by index; when taken it gets a number.
    /// </summary>
    private static string? ClaimActionId(
        BlockWriter writer, string linkType, string? provider, string codemarkId, string teamId, string? markerId, int markerIndex)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (attempt > 0 && markerId is null)
            {
                break;
            }

            var actionId = ActionId(linkType, provider, codemarkId, attempt == 0 ? teamId : null, attempt < 2 ? markerId : null, markerIndex, 0);
            if (actionId.Length > BlockKitLimits.MaxActionId)
            {
                continue;
            }

            if (writer.TryClaimActionId(actionId))
            {
                return actionId;
            }

            for (var number = 2; number < 10_000; number++)
            {
                var numbered = ActionId(linkType, provider, codemarkId, attempt == 0 ? teamId : null, attempt < 2 ? markerId : null, markerIndex, number);
                if (numbered.Length > BlockKitLimits.MaxActionId)
                {
                    break;
                }

                if (writer.TryClaimActionId(numbered))
                {
                    return numbered;
                }
            }
        }

        return null;
    }

    private static string ActionId(
        string linkType, string? provider, string codemarkId, string? teamId, string? markerId, int markerIndex, int number)
    {
        using var buffer = new CharBuffer(96 + codemarkId.Length + (teamId?.Length ?? 0) + (markerId?.Length ?? 0));
        buffer.Append("{\"linkType\":");
        AppendJsonString(buffer, linkType);
        if (provider is not null)
        {
            buffer.Append(",\"eP\":");
            AppendJsonString(buffer, provider);
        }

        buffer.Append(",\"cId\":");
        AppendJsonString(buffer, codemarkId);
        if (teamId is not null)
        {
            buffer.Append(",\"tId\":");
            AppendJsonString(buffer, teamId);
        }

        if (markerId is not null)
        {
            buffer.Append(",\"mId\":");
            AppendJsonString(buffer, markerId);
        }
        else if (markerIndex >= 0)
        {
            buffer.Append(",\"mIdx\":");
            buffer.Append(markerIndex);
        }

        if (number > 0)
        {
            buffer.Append(",\"n\":");
            buffer.Append(number);
        }

        buffer.Append('}');
        return buffer.ToString();
    }

    /// <summary>A JSON string literal (ids are letters and digits, but nothing here trusts that).</summary>
    private static void AppendJsonString(CharBuffer buffer, string value)
    {
        buffer.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '"' or '\\')
            {
                buffer.Append('\\');
                buffer.Append(c);
            }
            else if (c < ' ' || char.IsSurrogate(c))
            {
                buffer.Append("\\u");
                buffer.Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                buffer.Append(c);
            }
        }

        buffer.Append('"');
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
