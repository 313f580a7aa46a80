using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CodeStream.Integrations.Infrastructure.Slack.WebApi;

/// <summary>
/// Which workspace a token belongs to, learnt when the token is read from storage, so rate limits can be kept per
/// workspace though the Web API is called with tokens. A token never seen stands for a workspace of its own (a
/// fingerprint, never the token).
/// </summary>
internal sealed class SlackTokenWorkspaces
{
    private const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<string, string> _workspaceByFingerprint = new(StringComparer.Ordinal);

    public void Remember(string token, string slackTeamId)
    {
        if (_workspaceByFingerprint.Count >= MaxEntries)
        {
            _workspaceByFingerprint.Clear(); // bounded; what is forgotten is learnt again on the next read
        }

        _workspaceByFingerprint[Fingerprint(token)] = slackTeamId;
    }

    public string WorkspaceOf(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return "(app)";
        }

        var fingerprint = Fingerprint(token);
        return _workspaceByFingerprint.TryGetValue(fingerprint, out var team) ? team : fingerprint;
    }

    private static string Fingerprint(string token)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        return Convert.ToHexString(hash[..12]);
    }
}
