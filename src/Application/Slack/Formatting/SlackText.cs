using System.Buffers;
using System.Globalization;
using System.Text;

namespace CodeStream.Integrations.Application.Slack.Formatting;

/// <summary>
/// Low-level rules for text sent to Slack: <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> escaped exactly once, no lone
/// surrogates or control characters, no accidental <c>```</c> fences, and cuts that never split a character.
/// </summary>
internal static class SlackText
{
    public const char Ellipsis = '…';

    /// <summary>Zero-width space: put between backticks so that user text never opens or closes a code block.</summary>
    public const char BacktickBreaker = '\u200B';

    public const string Fence = "```";

    // Everything the escaping loops must look at; every other character is copied in bulk.
    private static readonly SearchValues<char> Special = SearchValues.Create(BuildSpecial());

    private static string BuildSpecial()
    {
        var chars = new StringBuilder("&<>`");
        for (var c = '\0'; c < ' '; c++)
        {
            if (c != '\n' && c != '\t')
            {
                chars.Append(c);
            }
        }

        chars.Append('\u007F');
        for (var c = '\uD800'; c <= '\uDFFF'; c++)
        {
            chars.Append(c);
        }

        return chars.ToString();
    }

    /// <summary>
    /// Appends <paramref name="text"/> as mrkdwn-safe text: <c>&amp; &lt; &gt;</c> escaped, lone surrogates replaced,
    /// control characters (except tab and line feed) dropped, runs of three or more backticks broken.
    /// </summary>
    public static void AppendEscaped(CharBuffer output, ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var next = text.IndexOfAny(Special);
            if (next < 0)
            {
                output.Append(text);
                return;
            }

            output.Append(text[..next]);
            next += AppendSpecial(output, text, next);
            text = text[next..];
        }
    }

    /// <summary>
    /// Like <see cref="AppendEscaped(CharBuffer, ReadOnlySpan{char})"/> but stops before <paramref name="budget"/> characters
    /// would be exceeded, never in the middle of a character or an entity. Returns how many source characters were taken.
    /// </summary>
    public static int AppendEscapedWithin(CharBuffer output, ReadOnlySpan<char> text, int budget)
    {
        var limit = output.Length + budget;
        var taken = 0;
        while (taken < text.Length)
        {
            var rest = text[taken..];
            var next = rest.IndexOfAny(Special);
            var plain = next < 0 ? rest : rest[..next];
            if (!plain.IsEmpty)
            {
                var room = limit - output.Length;
                if (plain.Length > room)
                {
                    var cut = SafeCut(plain, room);
                    output.Append(plain[..cut]);
                    return taken + cut;
                }

                output.Append(plain);
                taken += plain.Length;
                if (next < 0)
                {
                    return taken;
                }
            }

            var mark = output.Length;
            var consumed = AppendSpecial(output, text, taken);
            if (output.Length > limit)
            {
                output.Truncate(mark);
                return taken;
            }

            taken += consumed;
        }

        return taken;
    }

    /// <summary>How long <paramref name="text"/> is once escaped, counting no further than <paramref name="max"/>.</summary>
    public static int EscapedLength(ReadOnlySpan<char> text, int max)
    {
        using var scratch = new CharBuffer(max + 16);
        AppendEscapedWithin(scratch, text, max + 1);
        return scratch.Length;
    }

    /// <summary>Appends one backtick, preceded by a zero-width space when it would make a third one in a row.</summary>
    public static void AppendBacktick(CharBuffer output)
    {
        var length = output.Length;
        if (length >= 2 && output[length - 1] == '`' && output[length - 2] == '`')
        {
            output.Append(BacktickBreaker);
        }

        output.Append('`');
    }

    /// <summary>Text for a <c>plain_text</c> object: no escaping, but no lone surrogates or control characters either.</summary>
    public static string Plain(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var span = text.AsSpan().Trim();
        if (span.Length <= maxLength && span.IndexOfAny(Special) < 0)
        {
            return span.Length == text.Length ? text : span.ToString();
        }

        using var buffer = new CharBuffer(Math.Min(span.Length, maxLength) + 8);
        Span<char> chars = stackalloc char[2];
        foreach (var rune in span.EnumerateRunes())
        {
            // The enumerator yields U+FFFD for a lone surrogate.
            var value = rune.Value;
            if (value < 0x20 || value == 0x7F)
            {
                buffer.Append(' ');
                continue;
            }

            var written = rune.EncodeToUtf16(chars);
            buffer.Append(chars[..written]);
            if (buffer.Length > maxLength)
            {
                break;
            }
        }

        var result = buffer.Span.Trim();
        if (result.Length > maxLength)
        {
            result = result[..SafeCut(result, maxLength - 1)];
            return string.Concat(result, "…");
        }

        return result.ToString();
    }

    /// <summary>
    /// The longest prefix length ≤ <paramref name="max"/> that does not split a surrogate pair and, where it can,
    /// does not separate a character from the combining marks, joiners or modifiers that follow it.
    /// </summary>
    public static int SafeCut(ReadOnlySpan<char> text, int max)
    {
        if (max <= 0)
        {
            return 0;
        }

        if (text.Length <= max)
        {
            return text.Length;
        }

        var cut = StepBackOverPair(text, max);
        var floor = Math.Max(0, cut - 32);
        var candidate = cut;
        while (candidate > floor && ContinuesCluster(text, candidate))
        {
            candidate = StepBackOverPair(text, candidate - 1);
        }

        return ContinuesCluster(text, candidate) && candidate == floor ? cut : candidate;
    }

    /// <summary>
    /// Cuts mrkdwn to at most <paramref name="limit"/> characters with <c>…</c> when it is longer: never inside an
    /// entity, a <c>&lt;…&gt;</c> token or a fence marker, and closing a code block left open. Returns whether it cut.
    /// </summary>
    public static bool FitMrkdwn(CharBuffer text, int limit)
    {
        if (text.Length <= limit)
        {
            return false;
        }

        // Room for "…" and a closing "\n```".
        var span = text.Span;
        var cut = SafeCut(span, limit - 1 - 1 - Fence.Length);
        cut = BackOffMarkup(span, cut);
        var fenceOpen = CountFences(span[..cut]) % 2 == 1;
        text.Truncate(cut);
        text.Append(Ellipsis);
        if (fenceOpen)
        {
            text.Append('\n');
            text.Append(Fence);
        }

        return true;
    }

    /// <summary>Whether <paramref name="text"/> holds a lone (unpaired) surrogate.</summary>
    public static bool HasLoneSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return true;
            }

            if (char.IsLowSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Appends the special character at <paramref name="index"/>; returns how many source characters it used.</summary>
    private static int AppendSpecial(CharBuffer output, ReadOnlySpan<char> text, int index)
    {
        var c = text[index];
        switch (c)
        {
            case '&':
                output.Append("&amp;");
                return 1;
            case '<':
                output.Append("&lt;");
                return 1;
            case '>':
                output.Append("&gt;");
                return 1;
            case '`':
                AppendBacktick(output);
                return 1;
            default:
                if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
                {
                    output.Append(c);
                    output.Append(text[index + 1]);
                    return 2;
                }

                if (char.IsSurrogate(c))
                {
                    output.Append('\uFFFD');
                }

                // Control characters are dropped ("\r\n" becomes "\n").
                return 1;
        }
    }

    private static int StepBackOverPair(ReadOnlySpan<char> text, int index) =>
        index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) && char.IsHighSurrogate(text[index - 1]) ? index - 1 : index;

    /// <summary>Whether the character at <paramref name="index"/> belongs with the one before it.</summary>
    private static bool ContinuesCluster(ReadOnlySpan<char> text, int index)
    {
        if (index <= 0 || index >= text.Length)
        {
            return false;
        }

        if (text[index - 1] == '\u200D')
        {
            return true;
        }

        if (Rune.DecodeFromUtf16(text[index..], out var rune, out _) != OperationStatus.Done)
        {
            return false;
        }

        var value = rune.Value;
        if (value is 0x200D or (>= 0xFE00 and <= 0xFE0F) or (>= 0x1F3FB and <= 0x1F3FF) or (>= 0xE0020 and <= 0xE007F) or (>= 0xE0100 and <= 0xE01EF))
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
    }

    private static int BackOffMarkup(ReadOnlySpan<char> text, int cut)
    {
        // An entity cut in half ("&am") would show raw.
        for (var k = cut - 1; k >= 0 && k >= cut - 5; k--)
        {
            if (text[k] == ';')
            {
                break;
            }

            if (text[k] == '&')
            {
                cut = k;
                break;
            }
        }

        // A link or mention without its closing ">" would show raw: every literal "<" is escaped, so a "<" opens a token.
        var open = text[..cut].LastIndexOf('<');
        if (open >= 0 && text[open..cut].IndexOf('>') < 0)
        {
            cut = open;
        }

        // Never keep part of a "```" marker.
        while (cut > 0 && cut < text.Length && text[cut - 1] == '`' && text[cut] == '`')
        {
            cut--;
        }

        return cut;
    }

    private static int CountFences(ReadOnlySpan<char> text)
    {
        var count = 0;
        int index;
        while ((index = text.IndexOf(Fence)) >= 0)
        {
            count++;
            text = text[(index + Fence.Length)..];
        }

        return count;
    }
}
