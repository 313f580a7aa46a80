using System.Net;
using System.Net.Http.Json;
using CodeStream.Integrations.TestSupport.Hosting;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;
using CodeStream.Integrations.Web.FunctionalTests.Operability;
using CodeStream.Integrations.Web.FunctionalTests.SlackOAuth;

namespace CodeStream.Integrations.Web.FunctionalTests.Sharing;

/// <summary>
/// A card that reached Slack but whose share was never recorded (no answer came back, or the host died right after
/// posting) is found by the id in its Slack metadata when the share is tried again: one card, one share.
/// </summary>
public sealed class ShareUnconfirmedPostTests
{
    [Fact]
    public async Task Share_WhenSlackPostedTheCardButNoAnswerCame_IsFoundOnTheRetryInsteadOfPostedTwice()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        scenario.Slack.FailNext("chat.postMessage", SlackFault.AnswerLost());

        using (var unanswered = await ShareAsync(scenario.Client, codemarkId, userId))
        {
            Assert.True(unanswered.StatusCode == HttpStatusCode.ServiceUnavailable, await unanswered.Content.ReadAsStringAsync()); // no answer within the attempt's 10 s, and no blind retry
        }

        var card = Assert.Single(scenario.Slack.Messages(SlackScenario.ChannelId));
        using var retried = await ShareAsync(scenario.Client, codemarkId, userId);

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(card.Ts, (string?)(await retried.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["postId"]);
        Assert.Single(scenario.Slack.Messages(SlackScenario.ChannelId));
        Assert.Single(scenario.Slack.CallsTo("chat.postMessage"));
        Assert.Equal(1, await DatabaseInspector.CountAsync(scenario.Database, "codemark_shares"));
        Assert.Contains("codestream_share", card.MetadataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Share_WhenItsHostIsKilledBetweenPostingAndRecording_IsFoundByTheNextRequest()
    {
        var keys = Path.Combine(Path.GetTempPath(), "codestream-tests", "keys-share-" + Guid.NewGuid().ToString("N"));
        await using var scenario = await SlackScenario.StartAsync(settings: new Dictionary<string, string?>
        {
            ["dataProtection:keysPath"] = keys,
            ["integrations:slack:cloud:shareReservationSeconds"] = "3",
        });
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var settings = scenario.StandaloneHostSettings(keys);
        settings["integrations:slack:cloud:shareReservationSeconds"] = "3";
        scenario.Slack.FailNext("chat.postMessage", SlackFault.AnswerLost());

        await using (var doomed = await WebHostProcess.StartAsync(settings))
        {
            using var client = doomed.CreateClient(TestHost.ApiKey);
            var share = ShareAsync(client, codemarkId, userId);
            await SlackScenario.WaitUntilAsync(() => scenario.Slack.Messages(SlackScenario.ChannelId).Count == 1, because: "the card is posted");
            await doomed.DisposeAsync(); // SIGKILL before its answer arrives
            await Assert.ThrowsAnyAsync<Exception>(() => share);
        }

        var card = Assert.Single(scenario.Slack.Messages(SlackScenario.ChannelId));
        using (var tooSoon = await ShareAsync(scenario.Client, codemarkId, userId))
        {
            Assert.Equal(HttpStatusCode.Conflict, tooSoon.StatusCode); // the dead host's reservation still holds
        }

        await Task.Delay(TimeSpan.FromSeconds(3.5));
        using var retried = await ShareAsync(scenario.Client, codemarkId, userId);

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(card.Ts, (string?)(await retried.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["postId"]);
        Assert.Single(scenario.Slack.Messages(SlackScenario.ChannelId));
        Assert.Equal(1, await DatabaseInspector.CountAsync(scenario.Database, "codemark_shares"));
    }

    [Fact]
    public async Task ReplyCopy_WhenSlackPostedItButNoAnswerCame_IsFoundByTheRetryAndRecordedOnce()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var rootTs = (string)(await scenario.ShareToChannelAsync(codemarkId, userId))["postId"]!;
        scenario.Slack.FailNext("chat.postMessage", SlackFault.AnswerLost());

        using (var created = await scenario.Client.PostAsJsonAsync($"/api/v1/codemarks/{codemarkId}/replies", new { creatorId = userId, text = "copied once" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await SlackScenario.WaitUntilAsync(
            async () => await DatabaseInspector.CountAsync(scenario.Database, "slack_message_copies") == 1,
            TimeSpan.FromSeconds(40),
            because: "the retry finds the copy the first attempt posted and records it");

        var copy = Assert.Single(scenario.Slack.Thread(SlackScenario.ChannelId, rootTs), m => m.Ts != rootTs);
        Assert.Equal(copy.Ts, await DatabaseInspector.ScalarAsync(scenario.Database, "SELECT ts FROM slack_message_copies"));
        Assert.Single(scenario.Slack.CallsTo("chat.postMessage"), c => c.Arg("thread_ts") == rootTs);
        Assert.NotEmpty(scenario.Slack.CallsTo("conversations.replies"));
    }

    private static Task<HttpResponseMessage> ShareAsync(HttpClient client, string codemarkId, string userId) =>
        client.PostAsJsonAsync(
            $"/api/v1/codemarks/{codemarkId}/shares", new { userId, slackTeamId = SlackScenario.SlackTeamId, channelId = SlackScenario.ChannelId });
}
