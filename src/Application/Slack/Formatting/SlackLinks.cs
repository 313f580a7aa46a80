namespace CodeStream.Integrations.Application.Slack.Formatting;

/// <summary>Links between CodeStream and Slack: which become links at all, and a URL written into a <c>&lt;url|label&gt;</c> token.</summary>
internal static class SlackLinks
{
    /// <summary>Only http, https and mailto links are links; <c>javascript:</c>, <c>data:</c> and the rest stay text.</summary>
    public static bool IsLinkable(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);

    /// <summary>The URL inside a Slack link token: <c>&amp;</c> escaped, and what would end the token percent-encoded.</summary>
    public static void AppendUrl(CharBuffer output, string url)
    {
        foreach (var c in url)
        {
            switch (c)
            {
                case '&':
                    output.Append("&amp;");
                    break;
                case '<':
                    output.Append("%3C");
                    break;
                case '>':
                    output.Append("%3E");
                    break;
                case '|':
                    output.Append("%7C");
                    break;
                case ' ':
                    output.Append("%20");
                    break;
                default:
                    // Surrogates come in pairs here: the text was sanitized before it was parsed.
                    if (!char.IsControl(c))
                    {
                        output.Append(c);
                    }

                    break;
            }
        }
    }
}
