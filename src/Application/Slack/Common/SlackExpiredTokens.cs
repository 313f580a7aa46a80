using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CodeStream.Integrations.Application.Slack.Common;

/// <summary>
/// Tokens Slack answered <c>token_expired</c> for, although their stored expiry was not due yet (a clock apart, or
/// Slack ending them early): the next use refreshes them. Kept as fingerprints, never the tokens; bounded.
/// </summary>
public sealed class SlackExpiredTokens
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, byte> _expired = new(StringComparer.Ordinal);

    public void Expired(string token)
    {
        if (_expired.Count >= Capacity)
        {
            _expired.Clear();
        }

        _expired[Fingerprint(token)] = 0;
    }

    public bool IsExpired(string token) => !_expired.IsEmpty && _expired.ContainsKey(Fingerprint(token));

    public void Replaced(string token) => _expired.TryRemove(Fingerprint(token), out _);

    private static string Fingerprint(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
