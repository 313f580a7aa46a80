namespace CodeStream.Integrations.Application.Slack.Formatting;

/// <summary>
/// Slack's <c>&lt;…&gt;</c> tokens in CodeStream Markdown: <c>&lt;@U1|name&gt;</c> → <c>@ada</c>, <c>&lt;#C1|general&gt;</c> →
/// <c>#general</c>, <c>&lt;!here&gt;</c> → <c>@here</c>, <c>&lt;url|label&gt;</c> → <c>[label](url)</c> (http, https
/// and mailto only); and Slack's three entities undone.
/// </summary>
internal static class MrkdwnTokens
{
    /// <summary>
    /// The Markdown for the inside of one <c>&lt;…&gt;</c> token, or <c>null</c> when it is no token (kept as written).
    /// Every Slack user it mentions is added to <paramref name="mentions"/> once.
    /// </summary>
    public static string? Convert(ReadOnlySpan<char> content, Func<string, string?> usernameFor, ref List<string>? mentions)
    {
        if (content.IsEmpty)
        {
            return null;
        }

        var bar = content.IndexOf('|');
        var target = bar < 0 ? content : content[..bar];
        var label = bar < 0 ? [] : content[(bar + 1)..];
        switch (content[0])
        {
            case '@':
                {
                    var id = target[1..].ToString();
                    if (!SlackUserLookup.IsSlackId(id))
                    {
                        // Slack escapes every literal "<": this is no mention, keep it as it is.
                        return null;
                    }

                    mentions ??= [];
                    if (!mentions.Contains(id))
                    {
                        mentions.Add(id);
                    }

                    var username = usernameFor(id);
                    if (!string.IsNullOrWhiteSpace(username))
                    {
                        return string.Concat("@", username);
                    }

                    return label.IsWhiteSpace() ? string.Concat("@", id) : string.Concat("@", Unescape(label).TrimStart('@'));
                }

            case '#':
                if (!SlackUserLookup.IsSlackId(target[1..].ToString()))
                {
                    return null;
                }

                return string.Concat("#", label.IsWhiteSpace() ? target[1..] : Unescape(label).AsSpan().TrimStart('#'));

            case '!':
                {
                    var command = target[1..];
                    var caret = command.IndexOf('^');
                    var keyword = caret < 0 ? command : command[..caret];
                    if (keyword is "here" or "channel" or "everyone")
                    {
                        return string.Concat("@", keyword);
                    }

                    if (keyword is "subteam")
                    {
                        if (!label.IsWhiteSpace())
                        {
                            var name = Unescape(label);
                            return name.StartsWith('@') ? name : string.Concat("@", name);
                        }

                        return string.Concat("@", caret < 0 ? keyword : command[(caret + 1)..]);
                    }

                    // <!date^…|fallback> and anything newer: the fallback text.
                    return Unescape(label);
                }

            default:
                return Link(Unescape(target), label.IsEmpty ? null : Unescape(label));
        }
    }

    private static string Link(string url, string? label)
    {
        // javascript:, data:, vbscript: and the rest never become links: their text stays, as text.
        if (!SlackLinks.IsLinkable(url))
        {
            return string.IsNullOrWhiteSpace(label) ? url : label;
        }

        if (url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            var address = url[7..];
            if (string.IsNullOrWhiteSpace(label) || label == address)
            {
                return address;
            }
        }
        else if (string.IsNullOrWhiteSpace(label) || label == url)
        {
            return url;
        }

        using var buffer = new CharBuffer(url.Length + label!.Length + 8);
        buffer.Append('[');
        foreach (var c in label)
        {
            if (c is '[' or ']' or '\\')
            {
                buffer.Append('\\');
            }

            buffer.Append(c);
        }

        buffer.Append("](");
        if (url.AsSpan().IndexOfAny(" ()<>") < 0)
        {
            buffer.Append(url);
        }
        else
        {
            buffer.Append('<');
            foreach (var c in url)
            {
                switch (c)
                {
                    case ' ':
                        buffer.Append("%20");
                        break;
                    case '<':
                        buffer.Append("%3C");
                        break;
                    case '>':
                        buffer.Append("%3E");
                        break;
                    default:
                        buffer.Append(c);
                        break;
                }
            }

            buffer.Append('>');
        }

        buffer.Append(')');
        return buffer.ToString();
    }

    public static string Unescape(ReadOnlySpan<char> text)
    {
        if (text.IndexOf('&') < 0)
        {
            return text.ToString();
        }

        using var buffer = new CharBuffer(text.Length);
        AppendUnescaped(buffer, text);
        return buffer.ToString();
    }

    /// <summary>Undoes Slack's three entities, nothing else (<c>&amp;amp;lt;</c> becomes <c>&amp;lt;</c>).</summary>
    public static void AppendUnescaped(CharBuffer buffer, ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var amp = text.IndexOf('&');
            if (amp < 0)
            {
                buffer.Append(text);
                return;
            }

            buffer.Append(text[..amp]);
            var rest = text[amp..];
            if (rest.StartsWith("&amp;"))
            {
                buffer.Append('&');
                text = rest[5..];
            }
            else if (rest.StartsWith("&lt;"))
            {
                buffer.Append('<');
                text = rest[4..];
            }
            else if (rest.StartsWith("&gt;"))
            {
                buffer.Append('>');
                text = rest[4..];
            }
            else
            {
                buffer.Append('&');
                text = rest[1..];
            }
        }
    }
}
