using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>
/// Signs requests the way Slack signs what it sends to an app: <c>v0=</c> + lowercase hex HMAC-SHA256 of
/// <c>v0:{timestamp}:{body}</c> under the signing secret, in <c>X-Slack-Signature</c> with <c>X-Slack-Request-Timestamp</c>.
/// </summary>
public static class SlackRequestSigner
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";

    public static (string Timestamp, string Signature) Sign(string signingSecret, string body, long unixTimestamp)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Sign(signingSecret, Encoding.UTF8.GetBytes(body), unixTimestamp);
    }

    /// <summary>Signs raw bytes, whatever they are (a body that is not UTF-8, say).</summary>
    public static (string Timestamp, string Signature) Sign(string signingSecret, byte[] body, long unixTimestamp)
    {
        ArgumentNullException.ThrowIfNull(signingSecret);
        ArgumentNullException.ThrowIfNull(body);
        var timestamp = unixTimestamp.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), (byte[])[.. Encoding.UTF8.GetBytes($"v0:{timestamp}:"), .. body]);
        return (timestamp, "v0=" + Convert.ToHexStringLower(mac));
    }

    /// <summary>
    /// Sets <paramref name="body"/> as the content (form-urlencoded when it does not look like JSON) and the two signature headers.
    /// </summary>
    public static void Apply(HttpRequestMessage request, string signingSecret, string body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (timestamp, signature) = Sign(signingSecret, body, now.ToUnixTimeSeconds());
        var mediaType = body.TrimStart().StartsWith('{') ? "application/json" : "application/x-www-form-urlencoded";
        request.Content = new StringContent(body, Encoding.UTF8, mediaType);
        request.Headers.Remove(TimestampHeader);
        request.Headers.Remove(SignatureHeader);
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, signature);
    }
}
