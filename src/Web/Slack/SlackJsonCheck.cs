using System.Text.Json;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>
/// One pass over a Slack JSON body before anything reads it: well-formed, not too deep, and every escaped string
/// decodable (an escaped lone surrogate such as <c>"\ud800"</c> is valid JSON syntax, but reading it as text throws).
/// After this check, every string in the body can be read safely here and later, from the stored copy.
/// </summary>
internal static class SlackJsonCheck
{
    public const int MaxDepth = 64;

    /// <summary>Why the body is not usable JSON, or <c>null</c> when it is.</summary>
    public static string? Problem(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    Unescape(ref reader);
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return "The body is not valid JSON.";
        }
        catch (InvalidOperationException)
        {
            return "The body holds a string that is not valid text (an unpaired surrogate escape).";
        }
    }

    // Unescaping into a scratch buffer (never more chars than the escaped UTF-8 has bytes) throws on a lone surrogate.
    private static void Unescape(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (length <= 512)
        {
            Span<char> scratch = stackalloc char[512];
            reader.CopyString(scratch);
            return;
        }

        var rented = System.Buffers.ArrayPool<char>.Shared.Rent(length);
        try
        {
            reader.CopyString(rented);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }
    }
}
