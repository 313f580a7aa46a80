namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>Inspection (immutable snapshots), token control and fault injection.</summary>
public sealed partial class FakeSlackServer
{
    /// <summary>Every Web API call received, in order, including those answered by a fault.</summary>
    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_state.Gate)
            {
                return _state.Calls.ToArray();
            }
        }
    }

    public IReadOnlyList<OpenedView> OpenedViews
    {
        get
        {
            lock (_state.Gate)
            {
                return _state.OpenedViews.ToArray();
            }
        }
    }

    public IReadOnlyList<RecordedCall> CallsTo(string method) => Calls.Where(c => c.Method == method).ToArray();

    /// <summary>The conversation's messages, roots and replies, ordered by ts.</summary>
    public IReadOnlyList<SlackMessage> Messages(string channelId)
    {
        lock (_state.Gate)
        {
            return _state.RequireChannel(channelId).Messages.ToArray();
        }
    }

    /// <summary>A thread: the root and its replies, ordered by ts.</summary>
    public IReadOnlyList<SlackMessage> Thread(string channelId, string rootTs) =>
        Messages(channelId).Where(m => m.Ts == rootTs || m.ThreadTs == rootTs).ToArray();

    public IReadOnlyList<string> ChannelMembers(string channelId)
    {
        lock (_state.Gate)
        {
            return _state.RequireChannel(channelId).Members.ToArray();
        }
    }

    /// <summary>The id of the IM or MPIM of exactly these members, if one was opened.</summary>
    public string? DirectConversationId(string teamId, params string[] memberIds)
    {
        var key = teamId + "/" + string.Join(',', memberIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        lock (_state.Gate)
        {
            return _state.DirectConversations.GetValueOrDefault(key);
        }
    }

    /// <summary>The user's current status (empty once expired), or null for an unknown user.</summary>
    public SlackUserStatus? UserStatus(string userId)
    {
        lock (_state.Gate)
        {
            return _state.Users.TryGetValue(userId, out var user) ? _state.StatusOf(user) : null;
        }
    }

    public IReadOnlyList<ResponseUrlPost> ResponseUrlPosts(string id)
    {
        lock (_state.Gate)
        {
            return _state.ResponseUrls.TryGetValue(id, out var posts)
                ? posts.ToArray()
                : throw new InvalidOperationException($"Response URL {id} was not handed out (NewResponseUrl).");
        }
    }

    public IReadOnlyList<ResponseUrlPost> ResponseUrlPosts(Uri responseUrl)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        return ResponseUrlPosts(responseUrl.Segments[^1]);
    }

    /// <summary>The token answers <c>token_revoked</c> from now on (as after an uninstall).</summary>
    public void RevokeToken(string token) => SetTokenStatus(token, TokenStatus.Revoked);

    /// <summary>The token answers <c>token_expired</c> from now on (as a rotated token past its lifetime).</summary>
    public void ExpireToken(string token) => SetTokenStatus(token, TokenStatus.Expired);

    /// <summary>Revokes every token of the workspace, as <c>app_uninstalled</c>/<c>tokens_revoked</c> imply.</summary>
    public void RevokeAllTokens(string teamId)
    {
        lock (_state.Gate)
        {
            foreach (var token in _state.Tokens.Values.Where(t => t.TeamId == teamId))
            {
                token.Status = TokenStatus.Revoked;
            }
        }
    }

    /// <summary>
    /// The next <paramref name="times"/> calls of <paramref name="method"/> (or <see cref="ResponseUrlMethod"/>) are answered by
    /// <paramref name="fault"/> instead of running; faults queued for one method are consumed in order.
    /// </summary>
    public void FailNext(string method, SlackFault fault, int times = 1)
    {
        lock (_state.Gate)
        {
            _state.Faults.Enqueue(method, fault, times);
        }
    }

    /// <summary>How many queued faults for <paramref name="method"/> are not yet consumed.</summary>
    public int PendingFaults(string method)
    {
        lock (_state.Gate)
        {
            return _state.Faults.Pending(method);
        }
    }

    private void SetTokenStatus(string token, TokenStatus status)
    {
        lock (_state.Gate)
        {
            if (!_state.Tokens.TryGetValue(token, out var record))
            {
                throw new InvalidOperationException("Unknown token.");
            }

            record.Status = status;
        }
    }
}
