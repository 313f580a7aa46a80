using System.Globalization;
using System.Security.Cryptography;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>Everything the fake Slack knows. Every member must be used under <see cref="Gate"/>.</summary>
internal sealed class FakeSlackState(TimeProvider time)
{
    private const string Alphanumerics = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private long _lastTsMicros;
    private long _nextId;
    private long _nextTokenNumber = 1000;

    public Lock Gate { get; } = new();

    public DateTimeOffset Now => time.GetUtcNow();

    public Dictionary<string, WorkspaceRecord> Workspaces { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, UserRecord> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>In creation order, which is the order users.conversations lists them.</summary>
    public List<ChannelRecord> Channels { get; } = [];

    /// <summary>Direct conversations by their sorted member set, so the same set opens the same conversation.</summary>
    public Dictionary<string, string> DirectConversations { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TokenRecord> Tokens { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, OAuthCodeRecord> OAuthCodes { get; } = new(StringComparer.Ordinal);

    /// <summary>client_id → client_secret of the apps codes were issued for.</summary>
    public Dictionary<string, string> Clients { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, RefreshTokenRecord> RefreshTokens { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TriggerRecord> Triggers { get; } = new(StringComparer.Ordinal);

    public List<OpenedView> OpenedViews { get; } = [];

    public List<RecordedCall> Calls { get; } = [];

    /// <summary>Response URL id → its posts; a key exists for every URL handed out.</summary>
    public Dictionary<string, List<ResponseUrlPost>> ResponseUrls { get; } = new(StringComparer.Ordinal);

    public SlackFaultQueue Faults { get; } = new();

    /// <summary>Method → calls allowed per workspace per minute (<see cref="FakeSlackServer.SetRateLimit"/>).</summary>
    public Dictionary<string, int> RateLimits { get; } = new(StringComparer.Ordinal);

    /// <summary>(method, workspace) → when its recent calls were let through.</summary>
    public Dictionary<(string Method, string Team), Queue<DateTimeOffset>> RateWindows { get; } = [];

    /// <summary>Seconds to wait when this call is over its method's limit (and then it is not counted), else null.</summary>
    public int? OverRateLimit(string method, string? token)
    {
        if (!RateLimits.TryGetValue(method, out var limit))
        {
            return null;
        }

        var team = token is not null && Tokens.TryGetValue(token, out var record) ? record.TeamId : "-";
        if (!RateWindows.TryGetValue((method, team), out var window))
        {
            RateWindows[(method, team)] = window = new Queue<DateTimeOffset>();
        }

        while (window.Count > 0 && Now - window.Peek() >= TimeSpan.FromMinutes(1))
        {
            window.Dequeue();
        }

        if (window.Count >= limit)
        {
            return Math.Max(1, (int)Math.Ceiling((window.Peek() + TimeSpan.FromMinutes(1) - Now).TotalSeconds));
        }

        window.Enqueue(Now);
        return null;
    }

    /// <summary>How long tokens handed out by <c>oauth.v2.exchange</c> live (Slack: 12 hours).</summary>
    public int ExchangedTokenLifetimeSeconds { get; set; } = 43200;

    public ChannelRecord? FindChannel(string id) => Channels.Find(c => c.Id == id);

    public WorkspaceRecord RequireWorkspace(string teamId) =>
        Workspaces.TryGetValue(teamId, out var workspace)
            ? workspace
            : throw new InvalidOperationException($"Workspace {teamId} was not added (AddWorkspace).");

    public UserRecord RequireUser(string teamId, string userId) =>
        Users.TryGetValue(userId, out var user) && user.TeamId == teamId
            ? user
            : throw new InvalidOperationException($"User {userId} was not added to {teamId} (AddUser/AddBot).");

    public ChannelRecord RequireChannel(string channelId) =>
        FindChannel(channelId) ?? throw new InvalidOperationException($"Channel {channelId} was not added (AddChannel).");

    /// <summary>A new message ts: now, or one microsecond after the last one, whichever is later.</summary>
    public string NextTs()
    {
        _lastTsMicros = Math.Max(Now.ToUnixTimeMilliseconds() * 1000, _lastTsMicros + 1);
        return SlackTs.Format(_lastTsMicros);
    }

    /// <summary>Keeps later generated ts after one a test chose.</summary>
    public void ObserveTs(string ts)
    {
        if (SlackTs.TryParse(ts, out var micros))
        {
            _lastTsMicros = Math.Max(_lastTsMicros, micros);
        }
    }

    /// <summary>A fresh Slack-style id (<c>D0F0000001</c>) not used by any channel, user or view.</summary>
    public string NextId(char prefix)
    {
        while (true)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{prefix}0F{++_nextId:D7}");
            if (FindChannel(id) is null && !Users.ContainsKey(id) && !OpenedViews.Exists(v => v.ViewId == id))
            {
                return id;
            }
        }
    }

    /// <summary>A token-shaped secret: <c>{prefix}-{n}-{n}-{random}</c>.</summary>
    public string NewSecret(string prefix)
    {
        var first = ++_nextTokenNumber;
        var second = ++_nextTokenNumber;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{prefix}-{first}-{second}-{RandomNumberGenerator.GetString(Alphanumerics, 24)}");
    }

    public TokenRecord IssueToken(string teamId, string userId, IEnumerable<string> scopes, bool isBot, TimeSpan? lifetime = null)
    {
        RequireWorkspace(teamId);
        var user = RequireUser(teamId, userId);
        if (isBot && !user.IsBot)
        {
            throw new InvalidOperationException($"{userId} is not a bot user (AddBot) and cannot hold a bot token.");
        }

        var kind = isBot ? "xoxb" : "xoxp";
        var token = new TokenRecord
        {
            Token = lifetime is null ? NewSecret(kind) : NewSecret("xoxe." + kind),
            TeamId = teamId,
            UserId = userId,
            Scopes = ParseScopes(scopes),
            IsBot = isBot,
            BotId = isBot ? user.BotId : null,
            AppId = isBot ? user.AppId : null,
            ExpiresAt = lifetime is null ? null : Now + lifetime.Value,
        };
        Tokens[token.Token] = token;
        return token;
    }

    public static IReadOnlyList<string> ParseScopes(IEnumerable<string> scopes) =>
        scopes.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    public SlackUserStatus StatusOf(UserRecord user) =>
        user.StatusExpiration != 0 && user.StatusExpiration <= Now.ToUnixTimeSeconds()
            ? new SlackUserStatus("", "", 0)
            : new SlackUserStatus(user.StatusText, user.StatusEmoji, user.StatusExpiration);
}
