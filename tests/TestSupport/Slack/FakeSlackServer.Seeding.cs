namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>Seeding: what exists in Slack before the code under test calls it.</summary>
public sealed partial class FakeSlackServer
{
    public void AddWorkspace(string teamId, string name, string domain)
    {
        lock (_state.Gate)
        {
            _state.Workspaces[teamId] = new WorkspaceRecord(teamId, name, domain);
        }
    }

    public void AddUser(string teamId, string userId, string name, string realName, string? email, string tz = "UTC")
    {
        lock (_state.Gate)
        {
            _state.RequireWorkspace(teamId);
            _state.Users[userId] = new UserRecord { Id = userId, TeamId = teamId, Name = name, RealName = realName, Email = email, Tz = tz };
        }
    }

    /// <summary>The app's bot user (<c>U…</c>), its bot id (<c>B…</c>) and the app (<c>A…</c>).</summary>
    public void AddBot(string teamId, string botUserId, string botId, string appId, string name = "codestream")
    {
        lock (_state.Gate)
        {
            _state.RequireWorkspace(teamId);
            _state.Users[botUserId] = new UserRecord
            {
                Id = botUserId,
                TeamId = teamId,
                Name = name,
                RealName = name,
                IsBot = true,
                BotId = botId,
                AppId = appId,
            };
        }
    }

    /// <summary>A public or private channel; <paramref name="memberIds"/> may include bot users.</summary>
    public void AddChannel(string teamId, string channelId, string name, bool isPrivate = false, bool isArchived = false, params string[] memberIds)
    {
        lock (_state.Gate)
        {
            _state.RequireWorkspace(teamId);
            if (_state.FindChannel(channelId) is not null)
            {
                throw new InvalidOperationException($"Channel {channelId} already exists.");
            }

            var channel = new ChannelRecord
            {
                Id = channelId,
                TeamId = teamId,
                Name = name,
                Kind = isPrivate ? ChannelKind.Private : ChannelKind.Public,
                IsArchived = isArchived,
                Created = _state.Now.ToUnixTimeSeconds(),
                Creator = memberIds.FirstOrDefault(),
            };
            foreach (var memberId in memberIds.Distinct(StringComparer.Ordinal))
            {
                _state.RequireUser(teamId, memberId);
                channel.Members.Add(memberId);
            }

            _state.Channels.Add(channel);
        }
    }

    /// <summary>A public, unarchived channel with these members.</summary>
    public void AddChannel(string teamId, string channelId, string name, params string[] memberIds) =>
        AddChannel(teamId, channelId, name, false, false, memberIds);

    public void AddChannelMember(string channelId, string userId)
    {
        lock (_state.Gate)
        {
            var channel = _state.RequireChannel(channelId);
            _state.RequireUser(channel.TeamId, userId);
            if (!channel.Members.Contains(userId))
            {
                channel.Members.Add(userId);
            }
        }
    }

    public void SetArchived(string channelId, bool isArchived)
    {
        lock (_state.Gate)
        {
            _state.RequireChannel(channelId).IsArchived = isArchived;
        }
    }

    /// <summary>
    /// A message someone posted (e.g. a human's reply the code under test will read). Returns its ts:
    /// <paramref name="ts"/> if given, else a new one.
    /// </summary>
    public string AddMessage(string channelId, string userId, string text, string? threadTs = null, string? ts = null, string? filesJson = null)
    {
        lock (_state.Gate)
        {
            var channel = _state.RequireChannel(channelId);
            var user = _state.RequireUser(channel.TeamId, userId);
            if (ts is not null)
            {
                if (!SlackTs.TryParse(ts, out _))
                {
                    throw new ArgumentException($"'{ts}' is not a Slack ts (digits.6digits).", nameof(ts));
                }

                _state.ObserveTs(ts);
            }

            var message = new SlackMessage
            {
                TeamId = channel.TeamId,
                ChannelId = channel.Id,
                Ts = ts ?? _state.NextTs(),
                ThreadTs = threadTs is null ? null : channel.FindMessage(threadTs)?.ThreadTs ?? threadTs,
                Text = text,
                UserId = userId,
                BotId = user.BotId,
                AppId = user.AppId,
                FilesJson = filesJson,
            };
            channel.Upsert(message);
            return message.Ts;
        }
    }

    /// <summary>Someone edits a message in Slack (no event is sent: deliver one yourself if the test wants it).</summary>
    public string EditMessage(string channelId, string ts, string text)
    {
        lock (_state.Gate)
        {
            var channel = _state.RequireChannel(channelId);
            var message = channel.FindMessage(ts) ?? throw new InvalidOperationException($"No message {ts} in {channelId}.");
            var edited = message with { Text = text, EditedTs = _state.NextTs() };
            channel.Upsert(edited);
            return edited.EditedTs!;
        }
    }

    /// <summary>Someone deletes a message in Slack (no event is sent).</summary>
    public void DeleteMessage(string channelId, string ts)
    {
        lock (_state.Gate)
        {
            var channel = _state.RequireChannel(channelId);
            channel.Messages.Remove(channel.FindMessage(ts) ?? throw new InvalidOperationException($"No message {ts} in {channelId}."));
        }
    }

    /// <summary>
    /// Slack's rate limit for <paramref name="method"/>: at most <paramref name="callsPerMinute"/> calls per workspace in
    /// any 60 s; beyond it, HTTP 429 with <c>Retry-After</c> (the seconds until the oldest call leaves the window).
    /// </summary>
    public void SetRateLimit(string method, int callsPerMinute)
    {
        lock (_state.Gate)
        {
            _state.RateLimits[method] = callsPerMinute;
        }
    }

    /// <summary>A token for a user (<c>xoxp-…</c>) or, with <paramref name="isBot"/>, for a bot user (<c>xoxb-…</c>).</summary>
    public string IssueToken(string teamId, string userId, IEnumerable<string> scopes, bool isBot = false)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        lock (_state.Gate)
        {
            return _state.IssueToken(teamId, userId, scopes.ToArray(), isBot).Token;
        }
    }

    /// <summary>As <see cref="IssueToken(string, string, IEnumerable{string}, bool)"/> with Slack's comma-separated scope list.</summary>
    public string IssueToken(string teamId, string userId, string scopes, bool isBot = false) =>
        IssueToken(teamId, userId, [scopes], isBot);

    /// <summary>A single-use code for <c>oauth.v2.access</c>; the bot and the authed user must have been added.</summary>
    public string IssueOAuthCode(OAuthCodeGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        lock (_state.Gate)
        {
            _state.RequireWorkspace(grant.TeamId);
            if (!_state.RequireUser(grant.TeamId, grant.BotUserId).IsBot)
            {
                throw new InvalidOperationException($"{grant.BotUserId} is not a bot user (AddBot).");
            }

            _state.RequireUser(grant.TeamId, grant.AuthedUserId);
            if (_state.Clients.TryGetValue(grant.ClientId, out var secret) && secret != grant.ClientSecret)
            {
                throw new InvalidOperationException($"Client {grant.ClientId} already has another secret.");
            }

            _state.Clients[grant.ClientId] = grant.ClientSecret;
            var code = _state.NewSecret("code").Replace('-', '.');
            _state.OAuthCodes[code] = new OAuthCodeRecord { Code = code, Grant = grant };
            return code;
        }
    }

    /// <summary>A trigger_id views.open accepts once; an expired one answers <c>expired_trigger_id</c>.</summary>
    /// <summary>How long tokens from <c>oauth.v2.exchange</c> live (12 hours by default).</summary>
    public void SetExchangedTokenLifetime(TimeSpan lifetime)
    {
        lock (_state.Gate)
        {
            _state.ExchangedTokenLifetimeSeconds = (int)lifetime.TotalSeconds;
        }
    }

    public void RegisterTrigger(string triggerId, bool expired = false)
    {
        lock (_state.Gate)
        {
            _state.Triggers[triggerId] = new TriggerRecord { Id = triggerId, Expired = expired };
        }
    }

    /// <summary>A fresh response URL under <see cref="ResponseUrlBase"/>; its posts are in <see cref="ResponseUrlPosts(string)"/>.</summary>
    public Uri NewResponseUrl()
    {
        var id = Guid.NewGuid().ToString("N");
        lock (_state.Gate)
        {
            _state.ResponseUrls[id] = [];
        }

        return new Uri(ResponseUrlBase, id);
    }
}
