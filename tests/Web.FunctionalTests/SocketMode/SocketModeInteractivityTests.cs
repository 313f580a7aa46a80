using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.Web.FunctionalTests.SlackInteractivity;
using static CodeStream.Integrations.Web.FunctionalTests.SlackInteractivity.InteractivityDriver;

namespace CodeStream.Integrations.Web.FunctionalTests.SocketMode;

/// <summary>
/// "View Discussion &amp; Reply" over Socket Mode: the click arrives as an <c>interactive</c> envelope and opens the
/// modal with its trigger; the submission's response action (<c>update</c> or <c>errors</c>) rides on the acknowledgement.
/// </summary>
public sealed class SocketModeInteractivityTests
{
    [Fact]
    public async Task ReplyButtonThenSubmission_OverTheSocket_OpenTheModalAndAnswerUpdateThroughTheAck()
    {
        await using var scenario = await SlackScenario.StartAsync(settings: SlackScenario.SocketModeSettings());
        var sockets = scenario.Slack.SocketMode;
        var (teamId, adaId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        await scenario.ShareToChannelAsync(codemarkId, adaId);
        await sockets.WaitForConnectionsAsync(2);
        var trigger = InteractivityPayloads.NewTriggerId();
        scenario.Slack.RegisterTrigger(trigger);

        var click = sockets.SendInteractive(
            InteractivityPayloads.ReplyButton(codemarkId, teamId, trigger, scenario.Slack.NewResponseUrl(), SlackScenario.AdaSlackId), acceptsResponsePayload: false);

        Assert.Null(await click.Acked.WaitAsync(TimeSpan.FromSeconds(3)));
        var opened = Assert.Single(scenario.Slack.CallsTo("views.open"), c => c.Arg("trigger_id") == trigger);
        Assert.True(opened.Succeeded, opened.Error);
        var view = opened.ParseResponse()!["view"]!.AsObject();

        var submission = sockets.SendInteractive(
            InteractivityPayloads.Submission((string)view["private_metadata"]!, "Merging after CI", (string)view["id"]!, (string)view["hash"]!, SlackScenario.AdaSlackId),
            acceptsResponsePayload: true);

        var answer = await submission.Acked.WaitAsync(TimeSpan.FromSeconds(3));
        Assert.NotNull(answer);
        Assert.Equal("update", (string?)answer["response_action"]);
        Assert.Equal("Reply Sent", (string?)answer["view"]?["title"]?["text"]);
        var reply = Assert.Single(await RepliesAsync(scenario, codemarkId))!;
        Assert.Equal("Merging after CI", (string?)reply["text"]);
        Assert.Equal("Slack", (string?)reply["origin"]);
    }

    [Fact]
    public async Task Submission_WithNoText_OverTheSocket_AnswersErrorsThroughTheAckAndStoresNothing()
    {
        await using var scenario = await SlackScenario.StartAsync(settings: SlackScenario.SocketModeSettings());
        var sockets = scenario.Slack.SocketMode;
        var (teamId, adaId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var rootTs = (string)(await scenario.ShareToChannelAsync(codemarkId, adaId))["postId"]!;
        await sockets.WaitForConnectionsAsync(2);
        var stored = await CountsAsync(scenario);

        var submission = sockets.SendInteractive(
            InteractivityPayloads.Submission(InteractivityPayloads.Metadata(codemarkId, teamId, rootTs), "   ", slackUserId: SlackScenario.AdaSlackId),
            acceptsResponsePayload: true);

        var answer = await submission.Acked.WaitAsync(TimeSpan.FromSeconds(3));
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse("""{"response_action":"errors","errors":{"block__text_input--message":"Please write a reply."}}"""), answer),
            answer?.ToJsonString());
        Assert.Equal(stored, await CountsAsync(scenario));
    }

    [Fact]
    public async Task Submission_WhenSlackAcceptsNoResponsePayload_IsStoredAndAcknowledgedWithoutOne()
    {
        await using var scenario = await SlackScenario.StartAsync(settings: SlackScenario.SocketModeSettings());
        var sockets = scenario.Slack.SocketMode;
        var (teamId, adaId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var rootTs = (string)(await scenario.ShareToChannelAsync(codemarkId, adaId))["postId"]!;
        await sockets.WaitForConnectionsAsync(2);

        var submission = sockets.SendInteractive(
            InteractivityPayloads.Submission(InteractivityPayloads.Metadata(codemarkId, teamId, rootTs), "Ship it", slackUserId: SlackScenario.AdaSlackId),
            acceptsResponsePayload: false);

        Assert.Null(await submission.Acked.WaitAsync(TimeSpan.FromSeconds(3)));
        Assert.Equal("Ship it", (string?)Assert.Single(await RepliesAsync(scenario, codemarkId))!["text"]);
    }
}
