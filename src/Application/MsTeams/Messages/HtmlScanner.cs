namespace CodeStream.Integrations.Application.MsTeams.Messages;

/// <summary>What a <c>&lt;</c> in Teams HTML starts.</summary>
internal enum MarkupKind
{
    /// <summary>Nothing: the <c>&lt;</c> is text (<c>a &lt; b</c>).</summary>
    Text,

    /// <summary>A start or end tag.</summary>
    Element,

    /// <summary>A comment, doctype or processing instruction: nothing to show.</summary>
    Skipped,

    /// <summary>A tag the input ends inside: the rest is text.</summary>
    Unterminated,
}

/// <summary>A tag read by <see cref="HtmlScanner"/>: its lower-case name, whether it ends an element, and its <c>href</c>.</summary>
internal readonly record struct HtmlMarkup(MarkupKind Kind, int End, string Name, bool IsEnd, string? Href);

/// <summary>
/// Reads one tag of Teams HTML, forwards only (quoted attribute values may hold <c>&gt;</c>), so converting a message
/// is linear in its length however malformed it is; of the attributes only <c>href</c> is kept.
/// </summary>
internal static class HtmlScanner
{
    /// <summary>The markup starting at <paramref name="start"/>, where <paramref name="html"/> has a <c>&lt;</c>.</summary>
    public static HtmlMarkup Read(string html, int start)
    {
        var i = start + 1;
        if (i >= html.Length)
        {
            return Text(start);
        }

        if (html.AsSpan(i).StartsWith("!--", StringComparison.Ordinal))
        {
            var close = html.IndexOf("-->", i + 3, StringComparison.Ordinal);
            return new HtmlMarkup(MarkupKind.Skipped, close < 0 ? html.Length : close + 3, string.Empty, false, null);
        }

        if (html[i] is '!' or '?')
        {
            var close = html.IndexOf('>', i);
            return new HtmlMarkup(MarkupKind.Skipped, close < 0 ? html.Length : close + 1, string.Empty, false, null);
        }

        var isEnd = html[i] == '/';
        if (isEnd)
        {
            i++;
        }

        if (i >= html.Length || !char.IsAsciiLetter(html[i]))
        {
            return Text(start);
        }

        var nameStart = i;
        while (i < html.Length && (char.IsAsciiLetterOrDigit(html[i]) || html[i] is '-' or ':' or '_'))
        {
            i++;
        }

        var name = Lower(html.AsSpan(nameStart, i - nameStart));
        string? href = null;
        while (true)
        {
            while (i < html.Length && (char.IsWhiteSpace(html[i]) || html[i] == '/'))
            {
                i++;
            }

            if (i >= html.Length)
            {
                return Unterminated(html);
            }

            if (html[i] == '>')
            {
                return new HtmlMarkup(MarkupKind.Element, i + 1, name, isEnd, href);
            }

            var attributeStart = i;
            while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not ('=' or '>' or '/'))
            {
                i++;
            }

            var attribute = html.AsSpan(attributeStart, i - attributeStart);
            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            if (i >= html.Length || html[i] != '=')
            {
                // An attribute without a value (or the end of the input, seen above).
                continue;
            }

            i++;
            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            if (i >= html.Length)
            {
                return Unterminated(html);
            }

            int valueStart;
            int valueEnd;
            if (html[i] is '"' or '\'')
            {
                var close = html.IndexOf(html[i], i + 1);
                if (close < 0)
                {
                    return Unterminated(html);
                }

                valueStart = i + 1;
                valueEnd = close;
                i = close + 1;
            }
            else
            {
                valueStart = i;
                while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] != '>')
                {
                    i++;
                }

                valueEnd = i;
            }

            if (!isEnd && attribute.Equals("href", StringComparison.OrdinalIgnoreCase))
            {
                href = HtmlEntities.Decode(html.AsSpan(valueStart, valueEnd - valueStart));
            }
        }
    }

    private static HtmlMarkup Text(int start) => new(MarkupKind.Text, start + 1, string.Empty, false, null);

    private static HtmlMarkup Unterminated(string html) => new(MarkupKind.Unterminated, html.Length, string.Empty, false, null);

    /// <summary>An ASCII tag name in lower case (the names compared against are ASCII).</summary>
    private static string Lower(ReadOnlySpan<char> name)
    {
        Span<char> lower = name.Length <= 64 ? stackalloc char[name.Length] : new char[name.Length];
        for (var i = 0; i < name.Length; i++)
        {
            lower[i] = char.IsAsciiLetterUpper(name[i]) ? (char)(name[i] | 0x20) : name[i];
        }

        return lower.ToString();
    }
}
