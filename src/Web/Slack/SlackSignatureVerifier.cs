using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>The outcome of checking a Slack request signature; anything but <see cref="Valid"/> is a reject.</summary>
public enum SlackSignatureCheck
{
    Valid,
    MissingHeaders,
    InvalidTimestamp,
    StaleTimestamp,
    BadSignature,
}

/// <summary>
/// Slack's v0 request signing (docs/slack-behaviour.md, “Request verification”): <c>v0=</c> + lowercase hex HMAC-SHA256(secret, <c>v0:{timestamp}:{raw body}</c>),
/// compared in constant time, within ±300 s of now. Allocates nothing per call: the base string goes into a pooled
/// buffer and the digests live on the stack.
/// </summary>
public static class SlackSignatureVerifier
{
    public const int ToleranceSeconds = 300;
    private const int HexSignatureLength = 3 + (2 * 32); // "v0=" + 64 hex digits
    private const int MaxTimestampLength = 19;
    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    public static SlackSignatureCheck Verify(
        ReadOnlySpan<byte> secretKey, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, long nowUnixSeconds)
    {
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
        {
            return SlackSignatureCheck.MissingHeaders;
        }

        if (timestampHeader.Length > MaxTimestampLength
            || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return SlackSignatureCheck.InvalidTimestamp;
        }

        if (Math.Abs(nowUnixSeconds - timestamp) > ToleranceSeconds)
        {
            return SlackSignatureCheck.StaleTimestamp;
        }

        if (signatureHeader.Length != HexSignatureLength)
        {
            return SlackSignatureCheck.BadSignature;
        }

        Span<byte> expected = stackalloc byte[HexSignatureLength];
        ComputeSignature(secretKey, timestampHeader, body, expected);

        Span<byte> presented = stackalloc byte[HexSignatureLength];
        if (Encoding.ASCII.GetBytes(signatureHeader, presented) != HexSignatureLength)
        {
            return SlackSignatureCheck.BadSignature;
        }

        return CryptographicOperations.FixedTimeEquals(expected, presented) ? SlackSignatureCheck.Valid : SlackSignatureCheck.BadSignature;
    }

    /// <summary>Writes <c>v0=&lt;hex&gt;</c> (67 ASCII bytes) for the timestamp and body into <paramref name="destination"/>.</summary>
    public static void ComputeSignature(ReadOnlySpan<byte> secretKey, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var length = 3 + timestamp.Length + 1 + body.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var baseString = rented.AsSpan(0, length);
            "v0:"u8.CopyTo(baseString);
            var written = 3 + Encoding.ASCII.GetBytes(timestamp, baseString[3..]);
            baseString[written++] = (byte)':';
            body.CopyTo(baseString[written..]);

            Span<byte> mac = stackalloc byte[32];
            HMACSHA256.HashData(secretKey, baseString, mac);

            "v0="u8.CopyTo(destination);
            for (var i = 0; i < mac.Length; i++)
            {
                destination[3 + (2 * i)] = HexDigits[mac[i] >> 4];
                destination[4 + (2 * i)] = HexDigits[mac[i] & 0xF];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
