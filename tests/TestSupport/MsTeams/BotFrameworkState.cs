using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.MsTeams;

/// <summary>Everything the fake Bot Framework knows. Every member must be used under <see cref="Gate"/>.</summary>
internal sealed class BotFrameworkState(TimeProvider time)
{
    private const string MessageIdMarker = ";messageid=";

    private long _lastMessageId;

    public Lock Gate { get; } = new();

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>(app id, tenant id) → client secret of the bots allowed to get tokens.</summary>
    public Dictionary<(string AppId, string TenantId), string> BotSecrets { get; } = new();

    public Dictionary<string, AccessTokenRecord> AccessTokens { get; } = new(StringComparer.Ordinal);

    public TimeSpan BotTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public Dictionary<string, TeamRecord> Teams { get; } = new(StringComparer.Ordinal);

    /// <summary>Every channel of every team by id (General channels under their team's id).</summary>
    public Dictionary<string, ChannelRecord> Channels { get; } = new(StringComparer.Ordinal);

    /// <summary>Roots and replies of every channel by activity id (ids are unique across channels).</summary>
    public Dictionary<string, MessageRecord> MessagesById { get; } = new(StringComparer.Ordinal);

    public List<BotConnectorCall> Calls { get; } = [];

    public BotFrameworkFaults Faults { get; } = new();

    /// <summary>Now as Teams writes timestamps: <c>2026-12-01T10:00:00.000Z</c>.</summary>
    public string NowText => Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A new activity id: now in Unix milliseconds, or one more than the last id, whichever is larger.</summary>
    public string NextMessageId()
    {
        _lastMessageId = Math.Max(Now.ToUnixTimeMilliseconds(), _lastMessageId + 1);
        return _lastMessageId.ToString(CultureInfo.InvariantCulture);
    }

    public TeamRecord RequireTeam(string teamId) =>
        Teams.TryGetValue(teamId, out var team) ? team : throw new InvalidOperationException($"Team {teamId} was not added (AddTeam).");

    public ChannelRecord RequireChannel(string channelId) =>
        Channels.TryGetValue(channelId, out var channel)
            ? channel
            : throw new InvalidOperationException($"Channel {channelId} was not added (AddTeam/AddChannel).");

    public MessageRecord RequireRoot(string channelId, string rootId)
    {
        var channel = RequireChannel(channelId);
        return MessagesById.TryGetValue(rootId, out var root) && root.IsRoot && root.ChannelId == channel.Id
            ? root
            : throw new InvalidOperationException($"{rootId} is not a thread root of channel {channelId}.");
    }

    /// <summary>
    /// Resolves a connector conversation id: a bare channel id (<paramref name="root"/> null) or
    /// <c>{channelId};messageid={rootId}</c> of an existing root of that channel.
    /// </summary>
    public bool TryResolveConversation(string conversationId, [NotNullWhen(true)] out ChannelRecord? channel, out MessageRecord? root)
    {
        root = null;
        var marker = conversationId.IndexOf(MessageIdMarker, StringComparison.Ordinal);
        var channelId = marker < 0 ? conversationId : conversationId[..marker];
        if (!Channels.TryGetValue(channelId, out channel))
        {
            return false;
        }

        if (marker < 0)
        {
            return true;
        }

        var rootId = conversationId[(marker + MessageIdMarker.Length)..];
        if (MessagesById.TryGetValue(rootId, out var message) && message.IsRoot && message.ChannelId == channel.Id)
        {
            root = message;
            return true;
        }

        channel = null;
        return false;
    }

    /// <summary>
    /// A message addressed through a conversation: any message of the channel for a bare channel id, else the thread's
    /// root or one of its replies. Null when there is none (deleted ones included: callers decide).
    /// </summary>
    public MessageRecord? FindInConversation(ChannelRecord channel, MessageRecord? root, string activityId) =>
        MessagesById.TryGetValue(activityId, out var message)
        && message.ChannelId == channel.Id
        && (root is null || message.RootId == root.Id)
            ? message
            : null;

    /// <summary>Stores a new root (<paramref name="root"/> null) or a reply in <paramref name="root"/>'s thread.</summary>
    public MessageRecord AddMessage(ChannelRecord channel, MessageRecord? root, string? fromId, JsonObject activity)
    {
        var id = NextMessageId();
        var message = new MessageRecord
        {
            Id = id,
            ChannelId = channel.Id,
            RootId = root?.Id ?? id,
            FromId = fromId,
            RawActivityJson = "",
        };
        SetContent(message, activity);
        (root?.Replies ?? channel.Roots).Add(message);
        MessagesById[id] = message;
        return message;
    }

    /// <summary>Text, attachments and raw JSON from the activity, as a post or an update replaces them.</summary>
    public static void SetContent(MessageRecord message, JsonObject activity)
    {
        message.Text = BotFrameworkJson.StringOf(activity["text"]);
        message.AttachmentsJson = activity["attachments"] is JsonArray { Count: > 0 } attachments ? BotFrameworkJson.Write(attachments) : null;
        message.RawActivityJson = BotFrameworkJson.Write(activity);
    }

    /// <summary>The token of an <c>Authorization: Bearer …</c> header when the token endpoint issued it and it has not expired.</summary>
    public AccessTokenRecord? ValidToken(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = authorization[Scheme.Length..].Trim();
        return AccessTokens.TryGetValue(token, out var record) && record.ExpiresAt > Now ? record : null;
    }
}
