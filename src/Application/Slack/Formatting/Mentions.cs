namespace CodeStream.Integrations.Application.Slack.Formatting;

/// <summary><c>@username</c> in CodeStream text: where a name starts and ends, and the broadcasts Slack spells <c>&lt;!here&gt;</c>.</summary>
internal static class Mentions
{
    private const int MaxUsername = 80;

    /// <summary>
    /// The name after the <c>@</c> at <paramref name="at"/>, unless the <c>@</c> is inside a word, an address or a path
    /// (<paramref name="previous"/> is the character before it). Trailing punctuation ends a sentence, not a name.
    /// </summary>
    public static bool TryRead(string text, int at, char previous, out string name)
    {
        name = string.Empty;
        if (char.IsLetterOrDigit(previous) || previous is '.' or '-' or '+' or '@' or '/' or '\\' || char.IsSurrogate(previous))
        {
            return false;
        }

        var end = at + 1;
        while (end < text.Length && end - at - 1 < MaxUsername && IsUsernameChar(text[end]))
        {
            end++;
        }

        while (end > at + 1 && text[end - 1] is '.' or '-' or '_')
        {
            end--;
        }

        if (end == at + 1)
        {
            return false;
        }

        name = text.Substring(at + 1, end - at - 1);
        return true;
    }

    /// <summary><c>&lt;!here&gt;</c>, <c>&lt;!channel&gt;</c>, <c>&lt;!everyone&gt;</c> for those names; otherwise <c>null</c>.</summary>
    public static string? Broadcast(string name) =>
        name.Equals("here", StringComparison.OrdinalIgnoreCase) ? "<!here>"
        : name.Equals("channel", StringComparison.OrdinalIgnoreCase) ? "<!channel>"
        : name.Equals("everyone", StringComparison.OrdinalIgnoreCase) ? "<!everyone>"
        : null;

    private static bool IsUsernameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' || (c > 0x7F && char.IsLetterOrDigit(c));
}
