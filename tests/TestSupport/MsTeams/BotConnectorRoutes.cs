using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.MsTeams;

/// <summary>
/// The Bot Connector REST API (v3) under <see cref="FakeBotFramework.ServiceUrl"/>: authorization, routing, and the
/// read routes (members, a team's channels). Activity writes are in <see cref="BotConnectorActivities"/>.
/// Called under the state lock with the path segments after <c>connector/</c>, each already percent-decoded.
/// </summary>
internal static class BotConnectorRoutes
{
    public static BotFrameworkResponse Handle(BotFrameworkState state, string method, string[] route, string body, string? authorization)
    {
        if (state.ValidToken(authorization) is not { } token)
        {
            return BotFrameworkResponse.ConnectorError(401, "Unauthorized", "Authorization has been denied for this request.");
        }

        return (method.ToUpperInvariant(), route) switch
        {
            ("POST", ["v3", "conversations"]) => BotConnectorActivities.CreateConversation(state, token, body),
            ("POST", ["v3", "conversations", var conversation, "activities"]) =>
                BotConnectorActivities.Send(state, token, conversation, body),
            ("POST", ["v3", "conversations", var conversation, "activities", _]) =>
                BotConnectorActivities.Send(state, token, conversation, body),
            ("PUT", ["v3", "conversations", var conversation, "activities", var activityId]) =>
                BotConnectorActivities.Update(state, conversation, activityId, body),
            ("DELETE", ["v3", "conversations", var conversation, "activities", var activityId]) =>
                BotConnectorActivities.Delete(state, conversation, activityId),
            ("GET", ["v3", "conversations", var conversation, "members"]) => Members(state, conversation),
            ("GET", ["v3", "conversations", var conversation, "members", var memberId]) => Member(state, conversation, memberId),
            ("GET", ["v3", "teams", var teamId]) => TeamDetails(state, teamId),
            ("GET", ["v3", "teams", var teamId, "conversations"]) => TeamChannels(state, teamId),
            _ => BotFrameworkResponse.ConnectorError(404, "NotFound", $"No Bot Connector route for {method} /{string.Join('/', route)}."),
        };
    }

    /// <summary><c>GET v3/conversations/{id}/members</c>: everyone in the channel's team.</summary>
    private static BotFrameworkResponse Members(BotFrameworkState state, string conversationId)
    {
        if (!state.TryResolveConversation(conversationId, out var channel, out _))
        {
            return BotFrameworkResponse.ConversationNotFound(conversationId);
        }

        var team = channel.Team;
        return BotFrameworkResponse.Json(200, new JsonArray(team.Members.Select(m => (JsonNode?)MemberJson(m, team.TenantId)).ToArray()));
    }

    /// <summary>
    /// <c>GET v3/conversations/{id}/members/{memberId}</c>: one person of the channel's team, by <c>29:</c> id or AAD
    /// object id, as Teams answers it.
    /// </summary>
    private static BotFrameworkResponse Member(BotFrameworkState state, string conversationId, string memberId)
    {
        if (!state.TryResolveConversation(conversationId, out var channel, out _))
        {
            return BotFrameworkResponse.ConversationNotFound(conversationId);
        }

        return channel.Team.FindMember(memberId) is { } member
            ? BotFrameworkResponse.Json(200, MemberJson(member, channel.Team.TenantId))
            : BotFrameworkResponse.ConnectorError(404, "MemberNotFoundInConversation", "The member was not found in the conversation.");
    }

    /// <summary><c>GET v3/teams/{teamId}</c>: the team's details.</summary>
    private static BotFrameworkResponse TeamDetails(BotFrameworkState state, string teamId)
    {
        if (!state.Teams.TryGetValue(teamId, out var team))
        {
            return BotFrameworkResponse.ConversationNotFound(teamId);
        }

        return BotFrameworkResponse.Json(200, new JsonObject
        {
            ["id"] = team.Id,
            ["name"] = team.Name,
            ["type"] = "standard",
            ["channelCount"] = team.Channels.Count,
            ["memberCount"] = team.Members.Count,
        });
    }

    /// <summary><c>GET v3/teams/{teamId}/conversations</c>: the team's channels, General first with a null name.</summary>
    private static BotFrameworkResponse TeamChannels(BotFrameworkState state, string teamId)
    {
        if (!state.Teams.TryGetValue(teamId, out var team))
        {
            return BotFrameworkResponse.ConversationNotFound(teamId);
        }

        var conversations = team.Channels.Select(c => (JsonNode?)new JsonObject { ["id"] = c.Id, ["name"] = c.Name }).ToArray();
        return BotFrameworkResponse.Json(200, new JsonObject { ["conversations"] = new JsonArray(conversations) });
    }

    private static JsonObject MemberJson(MemberRecord member, string tenantId)
    {
        var json = new JsonObject
        {
            ["id"] = member.Id,
            ["name"] = member.Name,
            ["aadObjectId"] = member.AadObjectId,
        };
        if (member.Email is not null)
        {
            json["email"] = member.Email;
            json["userPrincipalName"] = member.Email;
        }

        json["tenantId"] = tenantId;
        json["userRole"] = "user";
        return json;
    }
}
