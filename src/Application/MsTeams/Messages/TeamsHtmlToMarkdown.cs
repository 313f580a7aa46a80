using System.Text;

namespace CodeStream.Integrations.Application.MsTeams.Messages;

/// <summary>
/// Teams message HTML → CodeStream Markdown, for a Teams reply that becomes a CodeStream reply: <c>&lt;p&gt;</c>
/// paragraphs separated by a blank line, <c>&lt;br&gt;</c> a line break, <c>b/strong</c> → <c>**x**</c>,
/// <c>i/em</c> → <c>_x_</c>, <c>s/strike/del</c> → <c>~~x~~</c>, <c>code</c> → <c>`x`</c>, <c>pre</c> → a fenced
/// block, <c>&lt;a href&gt;</c> → <c>[t](u)</c> (http/https/mailto only, else just the text), <c>&lt;at&gt;Name&lt;/at&gt;</c>
/// → <c>@username</c> when the callback knows the name, else <c>@Name</c>, lists → <c>-</c>/<c>1.</c> items;
/// images, scripts, styles and comments dropped; other tags dropped with their text kept; entities decoded.
/// One forward pass with no backtracking: it never throws on malformed HTML (unclosed tags, a stray <c>&lt;</c>).
/// </summary>
public static class TeamsHtmlToMarkdown
{
    /// <summary>
    /// Converts <paramref name="html"/>; <paramref name="usernameForMention"/> maps a mention's display text
    /// (<c>Ada</c> in <c>&lt;at&gt;Ada&lt;/at&gt;</c>) to a CodeStream username, or null when it knows none.
    /// </summary>
    public static string Convert(string? html, Func<string, string?>? usernameForMention = null)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }

        var writer = new TeamsMarkdownWriter(usernameForMention);
        var tags = true;
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<' && tags)
            {
                var markup = HtmlScanner.Read(html, i);
                if (markup.Kind == MarkupKind.Element)
                {
                    Apply(writer, markup);
                    i = SkipRawText(html, markup);
                    continue;
                }

                if (markup.Kind == MarkupKind.Skipped)
                {
                    i = markup.End;
                    continue;
                }

                // A tag the input ends inside: it and all that follows are text. Otherwise the '<' alone is.
                tags = markup.Kind != MarkupKind.Unterminated;
            }
            else if (c == '&' && HtmlEntities.TryDecode(html, i, out var end) is { } decoded)
            {
                writer.Text(decoded);
                i = end;
                continue;
            }

            var next = html.AsSpan(i + 1).IndexOfAny('<', '&');
            var runEnd = next < 0 ? html.Length : i + 1 + next;
            writer.Text(html.AsSpan(i, runEnd - i));
            i = runEnd;
        }

        return writer.Finish();
    }

    private static void Apply(TeamsMarkdownWriter writer, HtmlMarkup tag)
    {
        var end = tag.IsEnd;
        switch (tag.Name)
        {
            case "p" or "blockquote" or "table" or "hr" or "section" or "article" or "header" or "footer" or "figure":
                writer.Break(2);
                break;
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                // A heading reads as a bold line of its own.
                if (end)
                {
                    writer.CloseMark("b");
                    writer.Break(2);
                }
                else
                {
                    writer.Break(2);
                    writer.OpenMark("b", "**", "**");
                }

                break;
            case "div" or "tr" or "dt" or "dd" or "caption":
                writer.Break(1);
                break;
            case "br":
                writer.LineBreak();
                break;
            case "td" or "th":
                writer.Space();
                break;
            case "b" or "strong":
                Mark(writer, end, "b", "**");
                break;
            case "i" or "em":
                Mark(writer, end, "i", "_");
                break;
            case "s" or "strike" or "del":
                Mark(writer, end, "s", "~~");
                break;
            case "code" when end:
                writer.EndCode();
                break;
            case "code":
                writer.BeginCode();
                break;
            case "pre" when end:
                writer.EndPre();
                break;
            case "pre":
                writer.BeginPre();
                break;
            case "a" when end:
                writer.CloseMark("a");
                break;
            case "a":
                // An unsafe or missing link still opens a (silent) mark, so that its </a> closes nothing else.
                var url = MarkdownUrl(tag.Href);
                writer.OpenMark("a", url is null ? string.Empty : "[", url is null ? string.Empty : "](" + url + ")");
                break;
            case "at" when end:
                writer.EndMention();
                break;
            case "at":
                writer.BeginMention();
                break;
            case "ul" or "ol" when end:
                writer.EndList();
                break;
            case "ul" or "ol":
                writer.BeginList(ordered: tag.Name == "ol");
                break;
            case "li" when end:
                writer.EndItem();
                break;
            case "li":
                writer.BeginItem();
                break;
            default:
                // <img> and unknown tags: nothing of their own; their text, if any, is read on.
                break;
        }
    }

    private static void Mark(TeamsMarkdownWriter writer, bool end, string tag, string delimiter)
    {
        if (end)
        {
            writer.CloseMark(tag);
        }
        else
        {
            writer.OpenMark(tag, delimiter, delimiter);
        }
    }

    /// <summary>After <c>&lt;script&gt;</c> or <c>&lt;style&gt;</c>, their content is no text: reading goes on at their end tag.</summary>
    private static int SkipRawText(string html, HtmlMarkup tag)
    {
        if (tag.IsEnd || tag.Name is not ("script" or "style"))
        {
            return tag.End;
        }

        var close = html.IndexOf("</" + tag.Name, tag.End, StringComparison.OrdinalIgnoreCase);
        return close < 0 ? html.Length : close;
    }

    /// <summary>An http/https/mailto <paramref name="href"/> as a Markdown link destination, else null.</summary>
    private static string? MarkdownUrl(string? href)
    {
        var url = href?.Trim();
        if (string.IsNullOrEmpty(url)
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeMailto))
        {
            return null;
        }

        // What would end or split the destination is percent-encoded.
        var destination = new StringBuilder(url.Length + 8);
        foreach (var c in url)
        {
            _ = c switch
            {
                '(' => destination.Append("%28"),
                ')' => destination.Append("%29"),
                '<' => destination.Append("%3C"),
                '>' => destination.Append("%3E"),
                _ when char.IsWhiteSpace(c) || char.IsControl(c) => destination.Append("%20"),
                _ => destination.Append(c),
            };
        }

        return destination.ToString();
    }
}
