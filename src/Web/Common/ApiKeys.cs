using System.Security.Cryptography;
using System.Text;

namespace CodeStream.Integrations.Web.Common;

/// <summary>
/// The bearer keys of the product API (<c>api:keys</c>: a list, or one comma-separated string). Only their SHA-256
/// hashes are kept, and a presented key is compared with every one in constant time.
/// </summary>
internal sealed class ApiKeys
{
    public const string ConfigurationKey = "api:keys";

    private readonly byte[][] _hashes;

    public ApiKeys(IConfiguration configuration)
    {
        var section = configuration.GetSection(ConfigurationKey);
        var keys = section.Value is { Length: > 0 } single
            ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(k => k.Length > 0);
        _hashes = [.. keys.Select(Hash)];
    }

    /// <summary>No key configured: the API serves loopback callers only (a zero-configuration local host).</summary>
    public bool IsEmpty => _hashes.Length == 0;

    public bool Matches(ReadOnlySpan<char> presented)
    {
        var candidate = Hash(presented);
        var match = false;
        foreach (var hash in _hashes)
        {
            match |= CryptographicOperations.FixedTimeEquals(candidate, hash);
        }

        return match;
    }

    private static byte[] Hash(string key) => Hash(key.AsSpan());

    private static byte[] Hash(ReadOnlySpan<char> key)
    {
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        var written = Encoding.UTF8.GetBytes(key, bytes);
        return SHA256.HashData(bytes.AsSpan(0, written));
    }
}
