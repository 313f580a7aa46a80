namespace CodeStream.Integrations.Application.Slack.Formatting;

/// <summary>
/// CodeStream Markdown (CommonMark, read by Markdig) → Slack mrkdwn: every <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> escaped exactly once
/// (code included); <c>**b**</c>→<c>*b*</c>, <c>_i_</c>/<c>*i*</c>→<c>_i_</c>, <c>~~s~~</c>→<c>~s~</c>,
/// <c>[label](url)</c>→<c>&lt;url|label&gt;</c>, headings → bold lines, lists kept (<c>*</c>/<c>+</c> bullets become
/// <c>•</c>), code spans and fences kept (the fence's language dropped, <c>```</c> inside code broken with a zero-width
/// space), <c>@here</c>/<c>@channel</c>/<c>@everyone</c> → <c>&lt;!here&gt;</c>…, <c>@username</c> of a known user →
/// <c>&lt;@U…&gt;</c>; unknown names stay text.
/// </summary>
public static class MarkdownToMrkdwn
{
    /// <summary>Converts <paramref name="markdown"/>; <paramref name="slackUserIdsByUsername"/> is matched ignoring case.</summary>
    public static string Convert(string markdown, IReadOnlyDictionary<string, string>? slackUserIdsByUsername = null)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return string.Empty;
        }

        using var output = new CharBuffer(markdown.Length + (markdown.Length / 8) + 16);
        MrkdwnRenderer.Render(markdown, output, new SlackUserLookup(slackUserIdsByUsername), mentions: null, suppressBold: false, int.MaxValue);
        return output.ToString();
    }

    /// <summary>
    /// The <c>@username</c>s of <paramref name="markdown"/> outside code, links and e-mail addresses, each once (first
    /// spelling kept), without <c>@here</c>/<c>@channel</c>/<c>@everyone</c>: resolve these, then call
    /// <see cref="Convert"/>.
    /// </summary>
    public static IReadOnlyList<string> FindMentionedUsernames(string markdown)
    {
        if (string.IsNullOrEmpty(markdown) || !markdown.Contains('@', StringComparison.Ordinal))
        {
            return [];
        }

        var mentions = new List<string>();
        using (var scratch = new CharBuffer(markdown.Length + 16))
        {
            MrkdwnRenderer.Render(markdown, scratch, default, mentions, suppressBold: false, int.MaxValue);
        }

        if (mentions.Count < 2)
        {
            return mentions;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var distinct = new List<string>(mentions.Count);
        foreach (var name in mentions)
        {
            if (seen.Add(name))
            {
                distinct.Add(name);
            }
        }

        return distinct;
    }

    /// <summary>
    /// Appends the mrkdwn of <paramref name="markdown"/> to <paramref name="output"/>, stopping soon after
    /// <paramref name="stopAfter"/> characters (for text that will be cut anyway).
    /// </summary>
    internal static void AppendConverted(
        CharBuffer output, string? markdown, IReadOnlyDictionary<string, string>? slackUserIdsByUsername, bool suppressBold, int stopAfter)
    {
        if (!string.IsNullOrEmpty(markdown))
        {
            MrkdwnRenderer.Render(markdown, output, new SlackUserLookup(slackUserIdsByUsername), mentions: null, suppressBold, stopAfter);
        }
    }
}
