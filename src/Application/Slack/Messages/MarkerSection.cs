using CodeStream.Integrations.Application.Slack.Formatting;
using CodeStream.Integrations.Domain.Core.Codemarks;

namespace CodeStream.Integrations.Application.Slack.Messages;

/// <summary>A marker as a mrkdwn section, for the shared card and the reply modal alike: location, lines, fenced code.</summary>
internal static class MarkerSection
{
    /// <summary>Below this many characters of room, a marker's code is not worth showing.</summary>
    public const int MinMarkerCode = 80;

    private const int MaxRepoLabel = 200;
    private const int MaxLocationLabel = 600;
    private const string CodeFenceClose = "\n```";

    /// <summary>
    /// <c>`[repo] path`</c>, the lines, and the code in a fence cut to fit <paramref name="limit"/> characters
    /// (<paramref name="truncated"/> when cut). False when not even the location and a little code fit.
    /// </summary>
    public static bool TryAppend(CharBuffer section, Marker marker, int limit, out bool truncated)
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

}
