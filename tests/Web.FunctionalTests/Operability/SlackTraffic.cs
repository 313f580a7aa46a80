using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;

namespace CodeStream.Integrations.Web.FunctionalTests.Operability;

/// <summary>
/// What Slack sends the host, as Slack sends it (shapes of the Events API and interactivity samples of spec §5, §6), signed
/// with a given secret; the signatures sent are kept, so a test can look for them where they must not be.
/// </summary>
internal sealed class SlackTraffic
{
    public const string EventsPath = "/no-auth/provider-action/slack-events";
    public const string InteractivityPath = "/no-auth/provider-action/slack";
    public const string OAuthPath = "/no-auth/provider-token/slack";

    private static int _counter;
    private readonly ConcurrentQueue<string> _signatures = new();

    public IReadOnlyCollection<string> SignaturesSent => _signatures;

    public static string UrlVerification(string challenge) =>
        new JsonObject { ["token"] = "Jhj5dZrVaK7ZwHHjRyZWjbDl", ["challenge"] = challenge, ["type"] = "url_verification" }.ToJsonString();

    public static string NewEventId() =>
        "Ev" + Interlocked.Increment(ref _counter).ToString("D4", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    /// <summary>An <c>event_callback</c> for a message <paramref name="ts"/> in the thread <paramref name="threadTs"/> of #code-review.</summary>
    public static string ThreadReply(string eventId, string ts, string threadTs, string text, string user = SlackScenario.GraceSlackId) => new JsonObject
    {
        ["token"] = "XXYYZZ",
        ["team_id"] = SlackScenario.SlackTeamId,
        ["api_app_id"] = SlackScenario.AppId,
        ["event"] = new JsonObject
        {
            ["client_msg_id"] = Guid.NewGuid().ToString(),
            ["type"] = "message",
            ["text"] = text,
            ["user"] = user,
            ["ts"] = ts,
            ["team"] = SlackScenario.SlackTeamId,
            ["thread_ts"] = threadTs,
            ["parent_user_id"] = SlackScenario.AdaSlackId,
            ["channel"] = SlackScenario.ChannelId,
            ["event_ts"] = ts,
            ["channel_type"] = "channel",
        },
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["authorizations"] = new JsonArray(new JsonObject
        {
            ["team_id"] = SlackScenario.SlackTeamId,
            ["user_id"] = SlackScenario.BotUserId,
            ["is_bot"] = true,
        }),
    }.ToJsonString();

    /// <summary>A <c>block_actions</c> click on a button of a shared message.</summary>
    public static string ButtonClick(string actionId, string triggerId, Uri responseUrl, string slackUserId = SlackScenario.GraceSlackId) => new JsonObject
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = slackUserId, ["team_id"] = SlackScenario.SlackTeamId },
        ["api_app_id"] = SlackScenario.AppId,
        ["token"] = "XXYYZZ",
        ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = SlackScenario.ChannelId, ["is_ephemeral"] = false },
        ["trigger_id"] = triggerId,
        ["team"] = new JsonObject { ["id"] = SlackScenario.SlackTeamId, ["domain"] = "example-workspace" },
        ["channel"] = new JsonObject { ["id"] = SlackScenario.ChannelId, ["name"] = SlackScenario.ChannelName },
        ["response_url"] = responseUrl.ToString(),
        ["actions"] = new JsonArray(new JsonObject
        {
            ["action_id"] = actionId,
            ["block_id"] = "codemark-actions",
            ["type"] = "button",
            ["action_ts"] = "1763889300.123456",
        }),
    }.ToJsonString();

    /// <summary>The reply modal Slack opened, submitted with <paramref name="text"/>.</summary>
    public static string ModalSubmission(JsonObject openedView, string text, string slackUserId = SlackScenario.GraceSlackId) => new JsonObject
    {
        ["type"] = "view_submission",
        ["team"] = new JsonObject { ["id"] = SlackScenario.SlackTeamId, ["domain"] = "example-workspace" },
        ["user"] = new JsonObject { ["id"] = slackUserId, ["team_id"] = SlackScenario.SlackTeamId },
        ["api_app_id"] = SlackScenario.AppId,
        ["token"] = "XXYYZZ",
        ["trigger_id"] = NewTriggerId(),
        ["view"] = new JsonObject
        {
            ["id"] = (string?)openedView["id"],
            ["team_id"] = SlackScenario.SlackTeamId,
            ["type"] = "modal",
            ["private_metadata"] = (string?)openedView["private_metadata"],
            ["callback_id"] = (string?)openedView["callback_id"],
            ["hash"] = (string?)openedView["hash"],
            ["state"] = new JsonObject
            {
                ["values"] = new JsonObject
                {
                    ["block__text_input--message"] = new JsonObject
                    {
                        ["action__text_input--message"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = text },
                    },
                },
            },
        },
        ["response_urls"] = new JsonArray(),
    }.ToJsonString();

    public static string NewTriggerId() => $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.4242.{Guid.NewGuid():N}";

    /// <summary>The form body of an interactivity request: one field <c>payload</c>.</summary>
    public static string Form(string payloadJson) => "payload=" + Uri.EscapeDataString(payloadJson);

    /// <summary>The <c>action_id</c> of the card's "View Discussion &amp; Reply" button, or null when it has none.</summary>
    public static string? ReplyActionId(JsonArray blocks) => ButtonActionIds(blocks).FirstOrDefault(id => id.Contains("\"linkType\":\"reply\"", StringComparison.Ordinal));

    public static IReadOnlyList<string> ButtonActionIds(JsonArray blocks) =>
        [.. blocks.Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray()).Select(e => (string)e!["action_id"]!)];

    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/>, signed now with <paramref name="secret"/> as Slack signs.</summary>
    public async Task<HttpResponseMessage> PostSignedAsync(
        HttpClient client, string path, string body, string secret = SlackScenario.SigningSecret, string contentType = "application/json")
    {
        var (timestamp, signature) = SlackRequestSigner.Sign(secret, body, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        _signatures.Enqueue(signature);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add(SlackRequestSigner.TimestampHeader, timestamp);
        request.Headers.Add(SlackRequestSigner.SignatureHeader, signature);
        return await client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostInteractivityAsync(HttpClient client, string payloadJson, string secret = SlackScenario.SigningSecret) =>
        PostSignedAsync(client, InteractivityPath, Form(payloadJson), secret, "application/x-www-form-urlencoded");
}

/// <summary>A folder under the temp path, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "codestream-tests", "operability-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Already gone (a test may delete it on purpose) or still held; the OS cleans temp.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
