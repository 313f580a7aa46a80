using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.MsTeams;

/// <summary>Seeding: the bots, teams, channels, members and people's messages that exist before the code under test runs.</summary>
public sealed partial class FakeBotFramework
{
    /// <summary>
    /// How long tokens from the token endpoint live (<c>expires_in</c>); the connector answers 401 to an expired one.
    /// One hour by default, as Entra ID issues them.
    /// </summary>
    public TimeSpan BotTokenLifetime
    {
        get
        {
            lock (_state.Gate)
            {
                return _state.BotTokenLifetime;
            }
        }

        set
        {
            lock (_state.Gate)
            {
                _state.BotTokenLifetime = value;
            }
        }
    }

    /// <summary>
    /// A bot allowed to get tokens: its Entra app id (the <c>client_id</c>, also the audience of channel tokens and
    /// <c>28:{appId}</c> in conversations) and secret, in the tenant whose token endpoint it calls.
    /// </summary>
    public void RegisterBot(string appId, string secret, string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        lock (_state.Gate)
        {
            _state.BotSecrets[(appId, tenantId)] = secret;
        }
    }

    /// <summary>Makes every token issued so far expired (the connector answers 401), as if its lifetime had passed.</summary>
    public void ExpireBotTokens()
    {
        lock (_state.Gate)
        {
            foreach (var token in _state.AccessTokens.Values)
            {
                token.ExpiresAt = _state.Now;
            }
        }
    }

    /// <summary>A team (<c>19:…@thread.tacv2</c>) and its General channel, which has the team's id and no name.</summary>
    public void AddTeam(string teamId, string name, string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(teamId);
        lock (_state.Gate)
        {
            if (_state.Teams.ContainsKey(teamId) || _state.Channels.ContainsKey(teamId))
            {
                throw new InvalidOperationException($"{teamId} was already added as a team or a channel.");
            }

            var team = new TeamRecord(teamId, name, tenantId);
            var general = new ChannelRecord(teamId, team, null);
            team.Channels.Add(general);
            _state.Teams[teamId] = team;
            _state.Channels[teamId] = general;
        }
    }

    /// <summary>A channel of the team, listed after General in the order added; adding an existing one renames it.</summary>
    public void AddChannel(string teamId, string channelId, string? name)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        lock (_state.Gate)
        {
            var team = _state.RequireTeam(teamId);
            if (_state.Channels.TryGetValue(channelId, out var existing))
            {
                if (existing.Team != team)
                {
                    throw new InvalidOperationException($"Channel {channelId} belongs to team {existing.Team.Id}.");
                }

                existing.Name = name;
                return;
            }

            var channel = new ChannelRecord(channelId, team, name);
            team.Channels.Add(channel);
            _state.Channels[channelId] = channel;
        }
    }

    /// <summary>A person in the team (<c>29:…</c>), found by the connector's member routes by id or AAD object id; adding again replaces them.</summary>
    public void AddMember(string teamId, string memberId, string name, string? email, string aadObjectId)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        lock (_state.Gate)
        {
            var team = _state.RequireTeam(teamId);
            team.Members.RemoveAll(m => m.Id == memberId);
            team.Members.Add(new MemberRecord(memberId, name, email, aadObjectId));
        }
    }

    /// <summary>
    /// A reply a team member writes in a thread (Teams HTML in <paramref name="html"/>), stored like the bot's messages;
    /// its <see cref="TeamsMessage.RawActivityJson"/> is the inbound <c>message</c> activity Teams would send the bot.
    /// Returns its activity id.
    /// </summary>
    public string AddPersonMessage(string channelId, string rootId, string memberId, string html)
    {
        lock (_state.Gate)
        {
            var root = _state.RequireRoot(channelId, rootId);
            var channel = _state.RequireChannel(channelId);
            var team = channel.Team;
            var member = team.FindMember(memberId)
                ?? throw new InvalidOperationException($"{memberId} is not a member of team {team.Id} (AddMember).");
            var message = _state.AddMessage(channel, root, member.Id, new JsonObject { ["type"] = "message", ["text"] = html });
            message.RawActivityJson = BotFrameworkJson.Write(PersonActivity(message, team, member));
            return message.Id;
        }
    }

    /// <summary>The inbound activity of a person's reply, in the shape Teams posts it to the bot.</summary>
    private JsonObject PersonActivity(MessageRecord message, TeamRecord team, MemberRecord member) => new()
    {
        ["type"] = "message",
        ["id"] = message.Id,
        ["timestamp"] = _state.NowText,
        ["serviceUrl"] = ServiceUrl.ToString(),
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = member.Id, ["name"] = member.Name, ["aadObjectId"] = member.AadObjectId },
        ["conversation"] = new JsonObject
        {
            ["isGroup"] = true,
            ["conversationType"] = "channel",
            ["tenantId"] = team.TenantId,
            ["id"] = $"{message.ChannelId};messageid={message.RootId}",
        },
        ["textFormat"] = "plain",
        ["text"] = message.Text,
        ["replyToId"] = message.RootId,
        ["channelData"] = new JsonObject
        {
            ["teamsChannelId"] = message.ChannelId,
            ["teamsTeamId"] = team.Id,
            ["channel"] = new JsonObject { ["id"] = message.ChannelId },
            ["team"] = new JsonObject { ["id"] = team.Id },
            ["tenant"] = new JsonObject { ["id"] = team.TenantId },
        },
    };
}
