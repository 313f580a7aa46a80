using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CodeStream.Integrations.Application.MsTeams.Messages;

/// <summary>
/// Text made safe for Teams payloads before it is written: no control characters or lone surrogates (which JSON
/// writers reject or mangle), cut to Teams' limits without splitting a character, and one set of JSON options.
/// </summary>
internal static class TeamsText
{
    public const char Ellipsis = '…';

    /// <summary>The activities go in an HTTP body, never into a page: HTML-sensitive characters need no escaping.</summary>
    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Line breaks as <c>\n</c> (spaces with <paramref name="singleLine"/>), other control characters but tab as
    /// spaces, lone surrogates as U+FFFD. Returns the same string when nothing changes.
    /// </summary>
    public static string Clean(string? text, bool singleLine = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            var keep = c switch
            {
                '\r' => i + 1 < text.Length && text[i + 1] == '\n' ? '\0' : singleLine ? ' ' : '\n',
                '\n' => singleLine ? ' ' : '\n',
                '\t' => singleLine ? ' ' : '\t',
                _ when char.IsSurrogate(c) => '\uFFFD',
                _ when char.IsControl(c) => ' ',
                _ => c,
            };

            if (keep == c)
            {
                clean?.Append(c);
                continue;
            }

            clean ??= new StringBuilder(text.Length).Append(text, 0, i);
            if (keep != '\0')
            {
                clean.Append(keep);
            }
        }

        return clean?.ToString() ?? text;
    }

    /// <summary><paramref name="text"/>, or its start and "…" within <paramref name="max"/> characters.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var end = SafeCut(text, Math.Max(0, max - 1));
        return string.Concat(text.AsSpan(0, end).TrimEnd(), "…");
    }

    /// <summary>Like <see cref="Cut"/>, ending on a whole line when one ends in the second half (for code).</summary>
    public static string CutLines(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var end = SafeCut(text, Math.Max(0, max - 1));
        var lastNewline = end > 0 ? text.LastIndexOf('\n', end - 1) : -1;
        if (lastNewline > end / 2)
        {
            end = lastNewline + 1;
        }

        return string.Concat(text.AsSpan(0, end), "…");
    }

    /// <summary>Where to cut <paramref name="text"/> at or before <paramref name="index"/> without splitting a surrogate pair.</summary>
    public static int SafeCut(string text, int index)
    {
        if (index <= 0)
        {
            return 0;
        }

        if (index >= text.Length)
        {
            return text.Length;
        }

        return char.IsLowSurrogate(text[index]) && char.IsHighSurrogate(text[index - 1]) ? index - 1 : index;
    }
}
