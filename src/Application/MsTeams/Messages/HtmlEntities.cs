using System.Globalization;
using System.Text;

namespace CodeStream.Integrations.Application.MsTeams.Messages;

/// <summary>
/// The HTML character references Teams writes (<c>&amp;amp; &amp;lt; &amp;gt; &amp;quot; &amp;#39; &amp;nbsp;</c>, numeric
/// ones and a few typographic names), decoded. Anything else stays the text it is; a reference is read within a
/// dozen characters, so decoding stays linear whatever the input.
/// </summary>
internal static class HtmlEntities
{
    private const int MaxReference = 12;

    /// <summary>The text of the reference at <paramref name="start"/> (an <c>&amp;</c>) and where it ends, or null.</summary>
    public static string? TryDecode(ReadOnlySpan<char> text, int start, out int end)
    {
        end = start + 1;
        var limit = Math.Min(text.Length, start + MaxReference);
        var semicolon = -1;
        for (var i = start + 1; i < limit; i++)
        {
            var c = text[i];
            if (c == ';')
            {
                semicolon = i;
                break;
            }

            if (!char.IsAsciiLetterOrDigit(c) && !(c == '#' && i == start + 1))
            {
                return null;
            }
        }

        if (semicolon <= start + 1)
        {
            return null;
        }

        var name = text[(start + 1)..semicolon];
        var value = name[0] == '#' ? Numeric(name[1..]) : Named(name);
        if (value is not null)
        {
            end = semicolon + 1;
        }

        return value;
    }

    /// <summary><paramref name="text"/> with its references decoded (attribute values).</summary>
    public static string Decode(ReadOnlySpan<char> text)
    {
        if (text.IndexOf('&') < 0)
        {
            return text.ToString();
        }

        var decoded = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '&' && TryDecode(text, i, out var end) is { } value)
            {
                decoded.Append(value);
                i = end;
            }
            else
            {
                decoded.Append(text[i]);
                i++;
            }
        }

        return decoded.ToString();
    }

    private static string? Numeric(ReadOnlySpan<char> digits)
    {
        var hex = digits.Length > 0 && digits[0] is 'x' or 'X';
        var number = hex ? digits[1..] : digits;
        if (number.IsEmpty
            || !int.TryParse(number, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return null;
        }

        if (code is <= 0 or > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        {
            return "\uFFFD";
        }

        // Control characters but tab and line feed are no text to keep.
        return code switch
        {
            0x09 => "\t",
            0x0A => "\n",
            < 0x20 or (>= 0x7F and <= 0x9F) => " ",
            _ => char.ConvertFromUtf32(code),
        };
    }

    private static string? Named(ReadOnlySpan<char> name) => name switch
    {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" or "ensp" or "emsp" or "thinsp" => " ",
        "ndash" => "\u2013",
        "mdash" => "\u2014",
        "hellip" => "\u2026",
        "lsquo" => "\u2018",
        "rsquo" => "\u2019",
        "ldquo" => "\u201C",
        "rdquo" => "\u201D",
        "bull" => "\u2022",
        "middot" => "\u00B7",
        "copy" => "\u00A9",
        "reg" => "\u00AE",
        "trade" => "\u2122",
        "euro" => "\u20AC",
        "pound" => "\u00A3",
        "times" => "\u00D7",
        _ => null,
    };
}
