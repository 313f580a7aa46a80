using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

/// <summary>An inbox row as stored: its state (<c>Pending</c>, <c>Done</c>, <c>Ignored</c>, <c>Failed</c>…), reason and attempts.</summary>
internal sealed record InboxRow(string State, string? Result, long Attempts)
{
    public bool IsFinished => State is "Done" or "Ignored" or "Failed";
}

/// <summary>
/// The world of the Events API tests: the Slack scenario (fake Slack, database, real host) in which Ada, connected
/// to Slack, has shared a codemark to <c>#code-review</c>; <see cref="RootTs"/> is the thread root the share posted.
/// </summary>
internal sealed class SharedThread : IAsyncDisposable
{
    public const string EventsPath = "/no-auth/provider-action/slack-events";

    private SharedThread(SlackScenario scenario, string teamId, string adaId, string codemarkId, string rootTs)
    {
        Scenario = scenario;
        TeamId = teamId;
        AdaId = adaId;
        CodemarkId = codemarkId;
        RootTs = rootTs;
    }

    public SlackScenario Scenario { get; }

    public FakeSlackServer Slack => Scenario.Slack;

    public TestDatabase Database => Scenario.Database;

    public HttpClient Client => Scenario.Client;

    public string TeamId { get; }

    public string AdaId { get; }

    public string CodemarkId { get; }

    public string RootTs { get; }

    public static async Task<SharedThread> StartAsync(
        DatabaseProvider provider = DatabaseProvider.Sqlite,
        IDictionary<string, string?>? settings = null,
        int? rotatingTokenSeconds = null,
        Action<SlackScenario>? beforeConnecting = null,
        string? slackInstallation = null)
    {
        var scenario = await SlackScenario.StartAsync(provider, settings, slackInstallation: slackInstallation);
        try
        {
            beforeConnecting?.Invoke(scenario);
            var (teamId, adaId, codemarkId) = await scenario.ConnectedCodemarkAsync(rotatingTokenSeconds: rotatingTokenSeconds);
            var share = await scenario.ShareToChannelAsync(codemarkId, adaId);
            return new SharedThread(scenario, teamId, adaId, codemarkId, (string)share["postId"]!);
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    /// <summary>Someone writes in the shared thread in Slack; returns the message's ts (the fake knows it, so permalinks work).</summary>
    public string WriteInThread(string slackUserId = SlackScenario.GraceSlackId, string text = "a reply") =>
        Slack.AddMessage(SlackScenario.ChannelId, slackUserId, text, threadTs: RootTs);

    /// <summary>Ada replies in CodeStream (the product API, through <paramref name="client"/> or the scenario's); expects 201.</summary>
    public async Task ReplyInCodeStreamAsync(string text, HttpClient? client = null)
    {
        using var created = await (client ?? Client).PostAsJsonAsync($"/api/v1/codemarks/{CodemarkId}/replies", new { creatorId = AdaId, text });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    /// <summary>POSTs an Events API body signed as Slack signs it, optionally as Slack's redelivery (<c>X-Slack-Retry-Num</c>).</summary>
    public Task<HttpResponseMessage> PostEventAsync(string json, int? retryNum = null) => PostSignedAsync(Client, json, retryNum);

    public static async Task<HttpResponseMessage> PostSignedAsync(HttpClient client, string json, int? retryNum = null)
    {
        var (timestamp, signature) = SlackRequestSigner.Sign(SlackScenario.SigningSecret, json, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        using var request = new HttpRequestMessage(HttpMethod.Post, EventsPath)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(SlackRequestSigner.TimestampHeader, timestamp);
        request.Headers.Add(SlackRequestSigner.SignatureHeader, signature);
        if (retryNum is { } retry)
        {
            request.Headers.Add("X-Slack-Retry-Num", retry.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return await client.SendAsync(request);
    }

    /// <summary>Posts the event, expects Slack's 200, and waits until the inbox item is finished (done, ignored or failed).</summary>
    public async Task<InboxRow> DeliverAsync(string json, string eventId, TimeSpan? timeout = null)
    {
        using (var response = await PostEventAsync(json))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return await WaitForEventAsync(eventId, timeout);
    }

    public Task<InboxRow> WaitForEventAsync(string eventId, TimeSpan? timeout = null) => WaitForEventAsync(Database, eventId, timeout);

    public static async Task<InboxRow> WaitForEventAsync(TestDatabase database, string eventId, TimeSpan? timeout = null)
    {
        InboxRow? row = null;
        await SlackScenario.WaitUntilAsync(
            async () => (row = await InboxRowAsync(database, eventId)) is { IsFinished: true },
            timeout ?? TimeSpan.FromSeconds(20),
            because: $"inbox item {eventId} is processed");
        return row!;
    }

    /// <summary>The inbox row of the event, straight from <c>work_items</c>; null when none was stored.</summary>
    public static async Task<InboxRow?> InboxRowAsync(TestDatabase database, string eventId)
    {
        await using var connection = await database.Factory.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, result, attempts FROM work_items WHERE kind = 'slack-event' AND dedupe_key = @eventId";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "eventId";
        parameter.Value = eventId;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new InboxRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>How many inbox rows exist for the event id (the dedupe key).</summary>
    public Task<long> InboxRowCountAsync(string eventId) =>
        SlackOAuth.DatabaseInspector.CountAsync(Database, "work_items", $"kind = 'slack-event' AND dedupe_key = '{eventId.Replace("'", "''", StringComparison.Ordinal)}'");

    public Task<long> CountAsync(string table, string where = "1 = 1") => SlackOAuth.DatabaseInspector.CountAsync(Database, table, where);

    /// <summary>Waits until no work item (inbox or outbox) is pending or being processed.</summary>
    public Task WaitForQuietAsync(TimeSpan? timeout = null) =>
        SlackScenario.WaitUntilAsync(
            async () => await CountAsync("work_items", "state IN ('Pending', 'Processing')") == 0,
            timeout ?? TimeSpan.FromSeconds(20),
            because: "the work queue is drained");

    public Task<JsonObject> CodemarkAsync() => Scenario.GetCodemarkAsync(CodemarkId);

    public async Task<JsonArray> RepliesAsync() => (await CodemarkAsync())["replies"]!.AsArray();

    /// <summary><c>GET /api/v1/slack/inbox?state=&amp;kind=</c>: counts and the items in that state (of that kind).</summary>
    public async Task<JsonObject> InboxAsync(string state, string? kind = null)
    {
        using var response = await Client.GetAsync($"/api/v1/slack/inbox?state={state}" + (kind is null ? string.Empty : $"&kind={kind}"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"inbox?state={state} → {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The item of the inbox listing for that event id, or null.</summary>
    public async Task<JsonObject?> InboxItemAsync(string state, string eventId) =>
        (await InboxAsync(state))["items"]!.AsArray().Select(i => i!.AsObject()).FirstOrDefault(i => (string?)i["eventId"] == eventId);

    public async Task<JsonArray> UsersAsync()
    {
        using var response = await Client.GetAsync($"/api/v1/teams/{TeamId}/users");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    /// <summary>What <c>chat.getPermalink</c> answered for this message ts.</summary>
    public string? PermalinkAnsweredFor(string ts) =>
        Slack.CallsTo("chat.getPermalink").Where(c => c.Arg("message_ts") == ts && c.Succeeded)
            .Select(c => (string?)c.ParseResponse()!["permalink"]).LastOrDefault();

    public ValueTask DisposeAsync() => Scenario.DisposeAsync();
}
