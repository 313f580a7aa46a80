using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;
using CodeStream.Integrations.Web.FunctionalTests.SlackOAuth;

namespace CodeStream.Integrations.Web.FunctionalTests.Sharing;

/// <summary>Sharing to Slack and keeping the thread in step (spec §7.3, §7.4), through the host and the fake Slack.</summary>
public sealed class ShareCodemarkTests
{
    public static TheoryData<DatabaseProvider> Databases => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task Share_PostsOneCard_InvitesTheBot_AndRecordsTheShare(DatabaseProvider provider)
    {
        await using var scenario = await SlackScenario.StartAsync(provider);
        var (teamId, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();

        var share = await scenario.ShareToChannelAsync(codemarkId, userId);

        var message = Assert.Single(scenario.Slack.Messages(SlackScenario.ChannelId));
        Assert.Equal(message.Ts, (string)share["postId"]!);
        Assert.Equal("slack*com", (string)share["providerId"]!);
        Assert.Equal(SlackScenario.AdaSlackId, message.UserId); // posted as the sharing user
        Assert.Contains(SlackScenario.BotUserId, scenario.Slack.ChannelMembers(SlackScenario.ChannelId));
        var blocks = JsonNode.Parse(message.BlocksJson!)!.AsArray();
        var texts = TextsOf(blocks).ToList();
        Assert.Contains(texts, t => t.Contains("Possible race", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("&amp; not &lt;race&gt;", StringComparison.Ordinal));
        var actionIds = blocks.Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray()).Select(e => (string)e!["action_id"]!).ToList();
        Assert.Contains(actionIds, id => id.StartsWith("{\"linkType\":\"reply\",\"cId\":\"" + codemarkId, StringComparison.Ordinal));
        Assert.Contains(blocks, b => (string?)b!["block_id"] == $"codestream://codemark/{codemarkId}?teamId={teamId}");
        Assert.True(blocks.Count <= 50);
        Assert.False(message.UnfurlLinks);

        var codemark = await scenario.GetCodemarkAsync(codemarkId);
        var sharedTo = Assert.Single(codemark["sharedTo"]!.AsArray());
        Assert.Equal(SlackScenario.ChannelId, (string)sharedTo!["channelId"]!);
        Assert.StartsWith("https://example-workspace.slack.com/archives/C0DDD0004/p", (string)sharedTo["url"]!, StringComparison.Ordinal);
        Assert.Equal(1, await DatabaseInspector.CountAsync(scenario.Database, "codemark_shares"));
    }

    [Fact]
    public async Task Share_ReplayedWithTheSameIdempotencyKey_ReturnsTheShareAndPostsNothing()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();

        var first = await scenario.ShareToChannelAsync(codemarkId, userId, idempotencyKey: "key-123");
        var replay = await scenario.ShareToChannelAsync(codemarkId, userId, idempotencyKey: "key-123");
        var again = await scenario.ShareToChannelAsync(codemarkId, userId);

        Assert.Equal((string)first["postId"]!, (string)replay["postId"]!);
        Assert.Equal((string)first["postId"]!, (string)again["postId"]!);
        Assert.Single(scenario.Slack.CallsTo("chat.postMessage"));
        Assert.Single(scenario.Slack.Messages(SlackScenario.ChannelId));
    }

    [Fact]
    public async Task Share_ConcurrentIdenticalRequests_PostOnce()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var response = await scenario.Client.PostAsJsonAsync(
                $"/api/v1/codemarks/{codemarkId}/shares", new { userId, slackTeamId = SlackScenario.SlackTeamId, channelId = SlackScenario.ChannelId });
            return response.StatusCode;
        }));

        Assert.All(attempts, status => Assert.Contains(status, new[] { HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Single(attempts, status => status == HttpStatusCode.Created);
        Assert.Single(scenario.Slack.Messages(SlackScenario.ChannelId));
    }

    [Fact]
    public async Task ReplyEditDelete_InCodeStream_AreMirroredIntoTheThread()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var share = await scenario.ShareToChannelAsync(codemarkId, userId);
        var rootTs = (string)share["postId"]!;

        var reply = await scenario.PostJsonAsync($"/api/v1/codemarks/{codemarkId}/replies", new { creatorId = userId, text = "Fixed in **#42**" });
        var replyId = (string)reply["id"]!;
        await SlackScenario.WaitUntilAsync(() => scenario.Slack.Thread(SlackScenario.ChannelId, rootTs).Any(m => m.Ts != rootTs), because: "the reply reaches the thread");

        var copy = Assert.Single(scenario.Slack.Thread(SlackScenario.ChannelId, rootTs), m => m.Ts != rootTs);
        Assert.Equal(SlackScenario.BotUserId, copy.UserId);
        Assert.Equal("Ada Lovelace", copy.Username);
        Assert.Contains("replied via CodeStream", copy.BlocksJson, StringComparison.Ordinal);
        Assert.Contains("*#42*", copy.BlocksJson, StringComparison.Ordinal);
        await SlackScenario.WaitUntilAsync(
            async () => (await scenario.GetCodemarkAsync(codemarkId))["replies"]![0]!["sharedTo"]!.AsArray().Count == 1, because: "the copy is recorded");

        using (var edit = await scenario.Client.PutAsJsonAsync($"/api/v1/replies/{replyId}", new { text = "Fixed in #43" }))
        {
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        }

        await SlackScenario.WaitUntilAsync(() => scenario.Slack.CallsTo("chat.update").Count == 1, because: "the edit reaches Slack");
        Assert.Equal(copy.Ts, scenario.Slack.CallsTo("chat.update")[0].Arg("ts"));
        Assert.Contains("#43", scenario.Slack.Thread(SlackScenario.ChannelId, rootTs).Single(m => m.Ts == copy.Ts).Text, StringComparison.Ordinal);

        using (var delete = await scenario.Client.DeleteAsync($"/api/v1/replies/{replyId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        await SlackScenario.WaitUntilAsync(() => scenario.Slack.CallsTo("chat.delete").Count == 1, because: "the delete reaches Slack");
        Assert.DoesNotContain(scenario.Slack.Thread(SlackScenario.ChannelId, rootTs), m => m.Ts == copy.Ts);
        Assert.Single(scenario.Slack.CallsTo("chat.postMessage"), c => c.Arg("thread_ts") == rootTs);
    }

    [Fact]
    public async Task EditAndDeleteCodemark_UpdateThenDeleteTheRootMessage()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var rootTs = (string)(await scenario.ShareToChannelAsync(codemarkId, userId))["postId"]!;

        using (var edit = await scenario.Client.PutAsJsonAsync($"/api/v1/codemarks/{codemarkId}", new { title = "Definitely a race", text = "Confirmed" }))
        {
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        }

        await SlackScenario.WaitUntilAsync(() => scenario.Slack.CallsTo("chat.update").Count == 1, because: "the card is updated");
        Assert.Contains("Definitely a race", scenario.Slack.Messages(SlackScenario.ChannelId).Single().BlocksJson, StringComparison.Ordinal);

        using (var delete = await scenario.Client.DeleteAsync($"/api/v1/codemarks/{codemarkId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        await SlackScenario.WaitUntilAsync(() => scenario.Slack.Messages(SlackScenario.ChannelId).Count == 0, because: "the card is deleted");
        Assert.Equal(rootTs, scenario.Slack.CallsTo("chat.delete").Single().Arg("ts"));
    }

    [Fact]
    public async Task ShareToPeople_OpensAGroupDmWithThemAndTheBot()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();

        using var response = await scenario.Client.PostAsJsonAsync(
            $"/api/v1/codemarks/{codemarkId}/shares", new { userId, slackTeamId = SlackScenario.SlackTeamId, userIds = new[] { SlackScenario.GraceSlackId } });
        var share = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var open = Assert.Single(scenario.Slack.CallsTo("conversations.open"));
        Assert.Contains(SlackScenario.GraceSlackId, open.Arg("users"), StringComparison.Ordinal);
        Assert.Contains(SlackScenario.BotUserId, open.Arg("users"), StringComparison.Ordinal);
        Assert.Single(scenario.Slack.Messages((string)share["channelId"]!));
    }

    [Fact]
    public async Task ShareTargets_ListTheUsersConversationsSortedByName()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (_, userId, _) = await scenario.ConnectedCodemarkAsync();
        scenario.Slack.AddChannel(SlackScenario.SlackTeamId, "C0AAA0100", "announcements", SlackScenario.AdaSlackId);
        scenario.Slack.AddChannel(SlackScenario.SlackTeamId, "G0PRV0101", "secret-plans", isPrivate: true, isArchived: false, SlackScenario.AdaSlackId);
        scenario.Slack.AddChannel(SlackScenario.SlackTeamId, "C0OLD0102", "old-stuff", isPrivate: false, isArchived: true, SlackScenario.AdaSlackId);
        scenario.Slack.AddChannel(SlackScenario.SlackTeamId, "C0NOT0103", "not-mine", SlackScenario.GraceSlackId);

        var targets = JsonNode.Parse(await scenario.Client.GetStringAsync(
            $"/api/v1/users/{userId}/slack/conversations?slackTeamId={SlackScenario.SlackTeamId}"))!.AsArray();
        var names = targets.Select(t => (string)t!["name"]!).ToList();

        Assert.Equal(["#announcements", "#code-review", "#secret-plans"], names);
        Assert.Equal("private", (string)targets[2]!["kind"]!);
    }

    [Fact]
    public async Task Share_WhenUserNeverConnectedSlack_Returns409AndPostsNothing()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, userId) = await scenario.CreateTeamWithUserAsync();
        var codemark = await scenario.PostJsonAsync(
            $"/api/v1/teams/{teamId}/codemarks", new { creatorId = userId, type = "comment", text = "x", markers = Array.Empty<object>() });

        var (status, problem) = await ShareRawAsync(scenario, (string)codemark["id"]!, userId, SlackScenario.ChannelId);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("connect Slack", (string)problem["detail"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(scenario.Slack.CallsTo("chat.postMessage"));
    }

    [Theory]
    [InlineData("C0NOPE0404", HttpStatusCode.NotFound, "channel_not_found")]
    [InlineData("C0ARCH0409", HttpStatusCode.Conflict, "is_archived")]
    [InlineData("C0AWAY0409", HttpStatusCode.Conflict, "not_in_channel")]
    public async Task Share_WhenSlackRefuses_ReturnsTheDocumentedAnswerAndRecordsNothing(string channelId, HttpStatusCode expected, string slackError)
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        scenario.Slack.AddChannel(SlackScenario.SlackTeamId, "C0ARCH0409", "archived", isPrivate: false, isArchived: true, SlackScenario.AdaSlackId);
        scenario.Slack.AddChannel(SlackScenario.SlackTeamId, "C0AWAY0409", "elsewhere", SlackScenario.GraceSlackId);

        var (status, problem) = await ShareRawAsync(scenario, codemarkId, userId, channelId);

        Assert.Equal(expected, status);
        Assert.Equal(slackError, (string)problem["slackError"]!);
        Assert.Empty(scenario.Slack.Messages(SlackScenario.ChannelId));
        Assert.Equal(0, await DatabaseInspector.CountAsync(scenario.Database, "codemark_shares"));
        Assert.Equal(0, await DatabaseInspector.CountAsync(scenario.Database, "share_reservations"));
    }

    [Fact]
    public async Task Share_WhenScopeIsMissing_Returns403NamingTheScope()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, userId) = await scenario.CreateTeamWithUserAsync();
        var (browser, state) = await scenario.StartConnectAsync(userId, teamId);
        var code = scenario.Slack.IssueOAuthCode(new OAuthCodeGrant(
            SlackScenario.SlackTeamId, SlackScenario.ClientId, SlackScenario.ClientSecret, SlackScenario.BotUserId, SlackScenario.AdaSlackId)
        {
            UserScopes = "channels:read,chat:write,users:read,users:read.email", // no channels:write: the bot cannot be invited
        });
        using (browser)
        using (var connected = await browser.ReturnFromSlackAsync(code, state))
        {
            Assert.Equal(HttpStatusCode.OK, connected.StatusCode);
        }

        var codemark = await scenario.PostJsonAsync($"/api/v1/teams/{teamId}/codemarks", new { creatorId = userId, type = "comment", text = "x", markers = Array.Empty<object>() });
        var (status, problem) = await ShareRawAsync(scenario, (string)codemark["id"]!, userId, SlackScenario.ChannelId);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("channels:write", (string)problem["neededScope"]!, StringComparison.Ordinal);
        Assert.Empty(scenario.Slack.Messages(SlackScenario.ChannelId));
    }

    [Fact]
    public async Task Share_WhenTokenWasRevoked_RemovesItAndAsksToReconnect()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var userToken = scenario.Slack.CallsTo("oauth.v2.access").Single().ParseResponse()!["authed_user"]!["access_token"]!.GetValue<string>();
        scenario.Slack.RevokeToken(userToken);

        var (status, problem) = await ShareRawAsync(scenario, codemarkId, userId, SlackScenario.ChannelId);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("reconnect Slack", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(0, await DatabaseInspector.CountAsync(scenario.Database, "slack_user_installations"));
        Assert.Empty(scenario.Slack.Messages(SlackScenario.ChannelId));
    }

    [Fact]
    public async Task Share_WhenSlackIsDown_Returns503ThenSucceedsOnRetryWithOneMessage()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        scenario.Slack.FailNext("chat.postMessage", SlackFault.ServerError(), times: 2);

        var (status, problem) = await ShareRawAsync(scenario, codemarkId, userId, SlackScenario.ChannelId);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("slack_unavailable", (string)problem["slackError"]!);
        Assert.Equal(0, await DatabaseInspector.CountAsync(scenario.Database, "codemark_shares"));
        Assert.Single(scenario.Slack.CallsTo("chat.postMessage")); // a post that may have landed is not retried blindly

        // The retry first looks for the card by its metadata (none: the 500 posted nothing), meets the second 500, then posts.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await ShareRawAsync(scenario, codemarkId, userId, SlackScenario.ChannelId)).Status);
        var share = await scenario.ShareToChannelAsync(codemarkId, userId);
        Assert.Single(scenario.Slack.Messages(SlackScenario.ChannelId));
        Assert.Equal(scenario.Slack.Messages(SlackScenario.ChannelId)[0].Ts, (string)share["postId"]!);
        Assert.Equal(2, scenario.Slack.CallsTo("conversations.history").Count);
    }

    /// <summary>Every "text" string anywhere in the blocks (section, context, button texts).</summary>
    private static IEnumerable<string> TextsOf(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "text" && p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? [text] : TextsOf(p.Value)),
        JsonArray a => a.SelectMany(TextsOf),
        _ => [],
    };

    private static async Task<(HttpStatusCode Status, JsonObject Problem)> ShareRawAsync(SlackScenario scenario, string codemarkId, string userId, string channelId)
    {
        using var response = await scenario.Client.PostAsJsonAsync(
            $"/api/v1/codemarks/{codemarkId}/shares", new { userId, slackTeamId = SlackScenario.SlackTeamId, channelId });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }
}
