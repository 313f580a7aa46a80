using System.Text;

namespace CodeStream.Integrations.Application.MsTeams.Messages;

/// <summary>
/// HTML written within a character limit: a tag opens only when it and every closing tag still due fit, text is
/// encoded as it goes, and the first thing that does not fit ends the output with "…". Callers close what they
/// opened, so a cut message is still well-formed HTML.
/// </summary>
internal sealed class LimitedHtmlWriter(StringBuilder output, int limit)
{
    // The length of the closing tags still to be written, kept free below the limit.
    private int _closing;

    public bool Stopped { get; private set; }

    public bool TryOpen(string tag, string? openTag = null)
    {
        var open = openTag ?? string.Concat("<", tag, ">");
        var close = tag.Length + 3;
        if (Stopped || !Fits(open.Length + close))
        {
            Stop();
            return false;
        }

        output.Append(open);
        _closing += close;
        return true;
    }

    public void Close(string tag)
    {
        output.Append("</").Append(tag).Append('>');
        _closing -= tag.Length + 3;
    }

    public void Void(string element)
    {
        if (Stopped || !Fits(element.Length))
        {
            Stop();
            return;
        }

        output.Append(element);
    }

    public void Text(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length && !Stopped; i++)
        {
            var c = text[i];
            var encoded = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            };

            // A surrogate pair goes whole or not at all (the input has no lone surrogates).
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length;
            if (!Fits(encoded?.Length ?? (pair ? 2 : 1)))
            {
                Stop();
                return;
            }

            if (encoded is not null)
            {
                output.Append(encoded);
            }
            else if (pair)
            {
                output.Append(c).Append(text[++i]);
            }
            else
            {
                output.Append(c);
            }
        }
    }

    public void Stop()
    {
        if (!Stopped)
        {
            Stopped = true;
            output.Append(TeamsText.Ellipsis);
        }
    }

    /// <summary>Text as HTML (also for attribute values): <c>&amp; &lt; &gt; " '</c> encoded.</summary>
    public static string Encode(string text)
    {
        var encoded = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => encoded.Append("&amp;"),
                '<' => encoded.Append("&lt;"),
                '>' => encoded.Append("&gt;"),
                '"' => encoded.Append("&quot;"),
                '\'' => encoded.Append("&#39;"),
                _ => encoded.Append(c),
            };
        }

        return encoded.ToString();
    }

    // Room for the closing tags and a final "…".
    private bool Fits(int length) => output.Length + length + _closing + 1 <= limit;
}
