namespace CodeStream.Integrations.Application.Slack.Formatting;

/// <summary>Finds the Slack user id for a CodeStream username, ignoring case whatever the dictionary's comparer is.</summary>
internal readonly struct SlackUserLookup(IReadOnlyDictionary<string, string>? slackUserIdsByUsername)
{
    public bool IsEmpty => slackUserIdsByUsername is null || slackUserIdsByUsername.Count == 0;

    public string? Find(string username)
    {
        if (slackUserIdsByUsername is null || slackUserIdsByUsername.Count == 0)
        {
            return null;
        }

        if (slackUserIdsByUsername.TryGetValue(username, out var id))
        {
            return IsSlackId(id) ? id : null;
        }

        if (slackUserIdsByUsername is Dictionary<string, string> dictionary && dictionary.Comparer == StringComparer.OrdinalIgnoreCase)
        {
            return null;
        }

        foreach (var (name, slackUserId) in slackUserIdsByUsername)
        {
            if (string.Equals(name, username, StringComparison.OrdinalIgnoreCase))
            {
                return IsSlackId(slackUserId) ? slackUserId : null;
            }
        }

        return null;
    }

    /// <summary>Slack ids are upper-case letters and digits (<c>U0123ABC</c>, <c>W…</c>); anything else could break the markup.</summary>
    public static bool IsSlackId(string? value)
    {
        if (value is null || value.Length is < 2 or > 32)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
