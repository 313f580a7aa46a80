using System.Net;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Application.MsTeams.Common;
using Refit;

namespace CodeStream.Integrations.Infrastructure.MsTeams.BotConnector;

/// <summary>
/// <see cref="IBotConnector"/> over Refit: the bot's bearer token on every call (<see cref="BotTokenClient"/>), Refit's
/// errors turned into <see cref="BotConnectorException"/> (429 keeps its <c>Retry-After</c>). Nothing is retried
/// here: a post may have been made though no answer came, and the work queue decides what to try again.
/// </summary>
internal sealed class BotConnectorGateway(IHttpClientFactory clients, BotTokenClient tokens) : IBotConnector
{
    public const string ClientName = "msteams-bot-connector";

    public async Task<TeamsThread> StartThreadAsync(string serviceUrl, string channelId, string tenantId, string activityJson, CancellationToken cancellationToken)
    {
        var parameters = new JsonObject
        {
            ["isGroup"] = true,
            ["channelData"] = new JsonObject { ["channel"] = new JsonObject { ["id"] = channelId }, ["tenant"] = new JsonObject { ["id"] = tenantId } },
            ["activity"] = JsonNode.Parse(activityJson),
            ["tenantId"] = tenantId,
        };
        var answer = await CallAsync("create conversation", serviceUrl, api => api.CreateConversationAsync(parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
        var conversationId = (string?)answer["id"];
        var rootId = (string?)answer["activityId"];
        return conversationId is { Length: > 0 } && rootId is { Length: > 0 }
            ? new TeamsThread(conversationId, rootId)
            : throw new BotConnectorException("create conversation", 200, "no_id");
    }

    public async Task<string> SendAsync(string serviceUrl, string conversationId, string activityJson, CancellationToken cancellationToken)
    {
        var activity = JsonNode.Parse(activityJson)!.AsObject();
        activity["conversation"] = new JsonObject { ["id"] = conversationId };
        var answer = await CallAsync("send", serviceUrl, api => api.SendAsync(conversationId, activity, cancellationToken), cancellationToken).ConfigureAwait(false);
        return (string?)answer["id"] is { Length: > 0 } id ? id : throw new BotConnectorException("send", 200, "no_id");
    }

    public Task UpdateAsync(string serviceUrl, string conversationId, string activityId, string activityJson, CancellationToken cancellationToken)
    {
        var activity = JsonNode.Parse(activityJson)!.AsObject();
        activity["id"] = activityId;
        activity["conversation"] = new JsonObject { ["id"] = conversationId };
        return CallAsync("update", serviceUrl, api => api.UpdateAsync(conversationId, activityId, activity, cancellationToken), cancellationToken);
    }

    public Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
        CallAsync("delete", serviceUrl, async api =>
        {
            await api.DeleteAsync(conversationId, activityId, cancellationToken).ConfigureAwait(false);
            return new JsonObject();
        }, cancellationToken);

    public async Task<TeamsMember?> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken)
    {
        try
        {
            var member = await CallAsync("member", serviceUrl, api => api.GetMemberAsync(conversationId, memberId, cancellationToken), cancellationToken).ConfigureAwait(false);
            return new TeamsMember(
                (string?)member["id"] ?? memberId, (string?)member["name"], (string?)member["email"], (string?)member["aadObjectId"], (string?)member["tenantId"]);
        }
        catch (BotConnectorException exception) when (exception.IsNotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<TeamsChannel>> ListChannelsAsync(string serviceUrl, string teamsTeamId, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("channels", serviceUrl, api => api.ListChannelsAsync(teamsTeamId, cancellationToken), cancellationToken).ConfigureAwait(false);
        return answer["conversations"] is JsonArray list
            ? [.. list.OfType<JsonObject>().Where(c => c["id"] is JsonValue).Select(c => new TeamsChannel((string)c["id"]!, (string?)c["name"]))]
            : [];
    }

    private async Task<JsonObject> CallAsync(string call, string serviceUrl, Func<IBotConnectorApi, Task<JsonObject>> send, CancellationToken cancellationToken)
    {
        try
        {
            return await send(await ClientAsync(serviceUrl, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (ApiException refused) when (refused.StatusCode == HttpStatusCode.Unauthorized)
        {
            // The token was refused before its time (revoked, or the secret rotated): one more try with a fresh one.
            tokens.Forget();
            return await SendAsync(call, send, await ClientAsync(serviceUrl, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            throw Unreachable(call, exception, cancellationToken);
        }
    }

    private async Task<IBotConnectorApi> ClientAsync(string serviceUrl, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var http = clients.CreateClient(ClientName);
        http.BaseAddress = new Uri(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/");
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return RestService.For<IBotConnectorApi>(http);
    }

    private static async Task<JsonObject> SendAsync(string call, Func<IBotConnectorApi, Task<JsonObject>> send, IBotConnectorApi api, CancellationToken cancellationToken)
    {
        try
        {
            return await send(api).ConfigureAwait(false);
        }
        catch (ApiException exception)
        {
            throw new BotConnectorException(call, (int)exception.StatusCode, ErrorCode(exception.Content), exception.Headers.RetryAfter?.Delta, exception);
        }
        catch (Exception exception)
        {
            throw Unreachable(call, exception, cancellationToken);
        }
    }

    // Refit's refusal as ours; no answer (refused connection, timeout) is transient. A caller's own cancellation stays one.
    private static Exception Unreachable(string call, Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException => new BotConnectorException(call, 0, null, inner: exception),
        TaskCanceledException when !cancellationToken.IsCancellationRequested => new BotConnectorException(call, 0, "timeout", inner: exception),
        ApiException api => new BotConnectorException(call, (int)api.StatusCode, ErrorCode(api.Content), api.Headers.RetryAfter?.Delta, api),
        _ => exception,
    };

    // {"error":{"code":"ConversationNotFound","message":"…"}}: only the code, a short word, is kept.
    private static string? ErrorCode(string? content)
    {
        try
        {
            var code = content is { Length: > 0 } ? (string?)JsonNode.Parse(content)?["error"]?["code"] : null;
            return code is { Length: <= 64 } && code.All(char.IsAsciiLetterOrDigit) ? code : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
