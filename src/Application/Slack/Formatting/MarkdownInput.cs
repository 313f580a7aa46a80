namespace CodeStream.Integrations.Application.Slack.Formatting;

/// <summary>CodeStream Markdown made safe to parse and to send on, before anything reads it.</summary>
internal static class MarkdownInput
{
    /// <summary>Line breaks as <c>\n</c>; no control characters but tab and line feed; lone surrogates as U+FFFD.</summary>
    public static string Sanitize(string markdown, int stopAfter)
    {
        // Text that will be cut anyway need not be parsed whole.
        if (stopAfter < int.MaxValue && markdown.Length > (stopAfter * 2L) + 1024)
        {
            markdown = markdown[..SlackText.SafeCut(markdown, (stopAfter * 2) + 1024)];
        }

        using var clean = new CharBuffer(markdown.Length + 16);
        for (var i = 0; i < markdown.Length; i++)
        {
            var c = markdown[i];
            if (c == '\r')
            {
                if (i + 1 >= markdown.Length || markdown[i + 1] != '\n')
                {
                    clean.Append('\n');
                }
            }
            else if (char.IsHighSurrogate(c) && i + 1 < markdown.Length && char.IsLowSurrogate(markdown[i + 1]))
            {
                clean.Append(c);
                clean.Append(markdown[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                clean.Append('\uFFFD');
            }
            else if (c >= ' ' && c != '\u007F' || c is '\n' or '\t')
            {
                clean.Append(c);
            }
        }

        return clean.Length == markdown.Length ? markdown : clean.ToString();
    }
}
