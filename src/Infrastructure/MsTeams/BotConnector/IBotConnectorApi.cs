using System.Text.Json.Nodes;
using Refit;

namespace CodeStream.Integrations.Infrastructure.MsTeams.BotConnector;

/// <summary>
/// The Bot Connector REST API (v3) as Refit sees it. The base address is the team's service URL, different per
/// team, so a client is made per call over the pooled handler (<see cref="BotConnectorGateway"/>). Ids are path
/// segments, escaped (a thread's id holds ';', ':' and '@').
/// </summary>
internal interface IBotConnectorApi
{
    [Post("/v3/conversations")]
    Task<JsonObject> CreateConversationAsync([Body] JsonObject parameters, CancellationToken cancellationToken);

    [Post("/v3/conversations/{conversationId}/activities")]
    Task<JsonObject> SendAsync(string conversationId, [Body] JsonObject activity, CancellationToken cancellationToken);

    [Put("/v3/conversations/{conversationId}/activities/{activityId}")]
    Task<JsonObject> UpdateAsync(string conversationId, string activityId, [Body] JsonObject activity, CancellationToken cancellationToken);

    [Delete("/v3/conversations/{conversationId}/activities/{activityId}")]
    Task DeleteAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    [Get("/v3/conversations/{conversationId}/members/{memberId}")]
    Task<JsonObject> GetMemberAsync(string conversationId, string memberId, CancellationToken cancellationToken);

    [Get("/v3/teams/{teamId}/conversations")]
    Task<JsonObject> ListChannelsAsync(string teamId, CancellationToken cancellationToken);
}
