namespace CodeStream.Integrations.TestSupport.MsTeams;

/// <summary>Inspection (immutable snapshots) and fault injection.</summary>
public sealed partial class FakeBotFramework
{
    /// <summary>
    /// Every request received, in order: connector and token calls, OpenID metadata and JWKS fetches, including those
    /// answered by <see cref="FailNext"/> or refused (401, 404).
    /// </summary>
    public IReadOnlyList<BotConnectorCall> Calls
    {
        get
        {
            lock (_state.Gate)
            {
                return _state.Calls.ToArray();
            }
        }
    }

    /// <summary>How many failures queued by <see cref="FailNext"/> are not yet consumed.</summary>
    public int PendingFaults
    {
        get
        {
            lock (_state.Gate)
            {
                return _state.Faults.Pending;
            }
        }
    }

    /// <summary>
    /// The calls with this method whose decoded <see cref="BotConnectorCall.Path"/> contains <paramref name="pathContains"/>,
    /// e.g. <c>("POST", "/v3/conversations")</c> or <c>("POST", "/oauth2/v2.0/token")</c>.
    /// </summary>
    public IReadOnlyList<BotConnectorCall> CallsTo(string method, string pathContains) =>
        Calls.Where(c => string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase)
            && c.Path.Contains(pathContains, StringComparison.Ordinal)).ToArray();

    /// <summary>The thread roots of a channel (what the channel shows), in the order posted; deleted ones left out.</summary>
    public IReadOnlyList<TeamsMessage> Messages(string channelId)
    {
        lock (_state.Gate)
        {
            return _state.RequireChannel(channelId).Roots.Where(m => !m.Deleted).Select(m => m.ToSnapshot()).ToArray();
        }
    }

    /// <summary>The replies of a thread, root excluded, in the order posted; deleted ones left out.</summary>
    public IReadOnlyList<TeamsMessage> Thread(string channelId, string rootId)
    {
        lock (_state.Gate)
        {
            return _state.RequireRoot(channelId, rootId).Replies.Where(m => !m.Deleted).Select(m => m.ToSnapshot()).ToArray();
        }
    }

    /// <summary>Any root or reply by activity id, deleted ones included (see <see cref="TeamsMessage.Deleted"/>); null if unknown.</summary>
    public TeamsMessage? Message(string activityId)
    {
        lock (_state.Gate)
        {
            return _state.MessagesById.TryGetValue(activityId, out var message) ? message.ToSnapshot() : null;
        }
    }

    /// <summary>
    /// The next <paramref name="times"/> requests with <paramref name="method"/> whose decoded path contains
    /// <paramref name="pathContains"/> are answered <paramref name="statusCode"/> with an error body instead of running
    /// (the connector's <c>{"error":{"code","message"}}</c>, or Entra ID's <c>{"error","error_description"}</c> on the
    /// token endpoint). A 429 carries <c>Retry-After</c> (<paramref name="retryAfterSeconds"/>, 1 by default); other
    /// statuses carry it when <paramref name="retryAfterSeconds"/> is given. Faults are consumed in the order queued.
    /// </summary>
    /// <param name="errorCode">The error code in the body; by default one that fits the status (429 → <c>TooManyRequests</c>).</param>
    public void FailNext(string method, string pathContains, int statusCode, int times = 1, int? retryAfterSeconds = null, string? errorCode = null)
    {
        lock (_state.Gate)
        {
            _state.Faults.Enqueue(method, pathContains, statusCode, times, retryAfterSeconds, errorCode);
        }
    }
}
