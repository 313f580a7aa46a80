using System.Security.Cryptography;
using System.Text;

namespace CodeStream.Integrations.Application.Slack.Connect;

/// <summary>
/// The secret that binds an OAuth state to one browser: the nonce lives only in that browser's HttpOnly cookie, the
/// state carries its SHA-256, and the callback compares the two in constant time.
/// </summary>
public static class BrowserNonce
{
    public static string Create() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string nonce) => Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(nonce)));

    public static bool Matches(string? nonce, string expectedHash) =>
        !string.IsNullOrEmpty(nonce)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(nonce)), Encoding.ASCII.GetBytes(expectedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
