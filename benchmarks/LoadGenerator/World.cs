using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Slack;

namespace CodeStream.Integrations.LoadGenerator;

/// <summary>The Slack workspace, CodeStream team and shared codemark the load runs against.</summary>
internal sealed class World(FakeSlackServer slack)
{
    public const string ApiKey = "load-api-key";
    public const string ClientId = "1111.2222";
    public const string ClientSecret = "load-client-secret";
    public const string AppId = "A0CSAPP01";
    public const string SigningSecret = "load-signing-secret";
    public const string SlackTeamId = "T0AAA0001";
    public const string AdaSlackId = "U0BBB0002";
    public const string GraceSlackId = "U0CCC0003";
    public const string BotUserId = "U0BOT0009";
    public const string ChannelId = "C0DDD0004";

    public string? TeamId { get; private set; }

    public void Seed()
    {
        slack.AddWorkspace(SlackTeamId, "Example Workspace", "example-workspace");
        slack.AddUser(SlackTeamId, AdaSlackId, "ada", "Ada Lovelace", "ada@example.com");
        slack.AddUser(SlackTeamId, GraceSlackId, "grace", "Grace Hopper", "Grace.Hopper@example.com");
        slack.AddBot(SlackTeamId, BotUserId, "B0BOT0009", AppId);
        slack.AddChannel(SlackTeamId, ChannelId, "code-review", AdaSlackId, GraceSlackId);
    }

    public async Task<(string CodemarkId, string RootTs)> PrepareSharedCodemarkAsync(HttpClient http)
    {
        var team = await PostAsync(http, "/api/v1/teams", new { name = "Load" });
        TeamId = (string)team["id"]!;
        var ada = await PostAsync(http, $"/api/v1/teams/{TeamId}/users", new { email = "ada@example.com", username = "ada", fullName = "Ada Lovelace" });
        var adaId = (string)ada["id"]!;
        var link = await PostAsync(http, $"/api/v1/users/{adaId}/slack/connect", new { teamId = TeamId });
        using (var browser = new ConnectBrowser(http.BaseAddress!))
        {
            var state = await browser.OpenForStateAsync((string)link["authorizeUrl"]!);
            var code = slack.IssueOAuthCode(new OAuthCodeGrant(SlackTeamId, ClientId, ClientSecret, BotUserId, AdaSlackId));
            using var callback = await browser.ReturnFromSlackAsync(code, state);
            callback.EnsureSuccessStatusCode();
        }

        var codemark = await PostAsync(http, $"/api/v1/teams/{TeamId}/codemarks", new
        {
            creatorId = adaId,
            type = "issue",
            title = "Load",
            text = "A codemark under load",
            markers = new[] { new { file = "src/Load.cs", repo = "acme/app", startLine = 1, endLine = 3, code = "x++;" } },
        });
        var share = await PostAsync(http, $"/api/v1/codemarks/{codemark["id"]}/shares", new { userId = adaId, slackTeamId = SlackTeamId, channelId = ChannelId });
        return ((string)codemark["id"]!, (string)share["postId"]!);
    }

    public Task<HttpResponseMessage> PostSignedAsync(HttpClient http, string path, string body, string contentType = "application/json")
    {
        var (timestamp, signature) = SlackRequestSigner.Sign(SigningSecret, body, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add(SlackRequestSigner.TimestampHeader, timestamp);
        request.Headers.Add(SlackRequestSigner.SignatureHeader, signature);
        return http.SendAsync(request);
    }

    public static string ThreadReplyEvent(string eventId, string ts, string threadTs, string text) =>
        new JsonObject
        {
            ["team_id"] = SlackTeamId,
            ["api_app_id"] = AppId,
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = 1763890000,
            ["event"] = new JsonObject
            {
                ["type"] = "message",
                ["text"] = text,
                ["user"] = GraceSlackId,
                ["ts"] = ts,
                ["team"] = SlackTeamId,
                ["thread_ts"] = threadTs,
                ["channel"] = ChannelId,
                ["event_ts"] = ts,
                ["channel_type"] = "channel",
            },
        }.ToJsonString();

    public static string ReplyButtonClick(string triggerId, string codemarkId, string teamId) =>
        new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = GraceSlackId, ["team_id"] = SlackTeamId },
            ["api_app_id"] = AppId,
            ["trigger_id"] = triggerId,
            ["team"] = new JsonObject { ["id"] = SlackTeamId },
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = $"{{\"linkType\":\"reply\",\"cId\":\"{codemarkId}\",\"tId\":\"{teamId}\"}}",
                ["type"] = "button",
            }),
        }.ToJsonString();

    private static async Task<JsonObject> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonNode.Parse(text)!.AsObject() : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
    }
}
