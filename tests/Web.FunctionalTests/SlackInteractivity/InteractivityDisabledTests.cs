using System.Net;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Scenarios;
using static CodeStream.Integrations.Web.FunctionalTests.SlackInteractivity.InteractivityDriver;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackInteractivity;

/// <summary>
/// <c>integrations:slack:cloud:interactiveComponentsEnabled = false</c> (spec §2): shared cards carry no reply button but
/// keep their URL buttons, and interactivity other than URL-button acknowledgements is refused politely.
/// </summary>
public sealed class InteractivityDisabledTests
{
    private static readonly Dictionary<string, string?> Disabled = new() { ["integrations:slack:cloud:interactiveComponentsEnabled"] = "false" };

    [Fact]
    public async Task Share_WhenInteractivityIsDisabled_PostsACardWithoutReplyButtonButWithUrlButtons()
    {
        await using var scenario = await SlackScenario.StartAsync(settings: Disabled);
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();

        await scenario.ShareToChannelAsync(codemarkId, userId);

        var card = JsonNode.Parse(scenario.Slack.Messages(SlackScenario.ChannelId).Single().BlocksJson!)!.AsArray();
        var buttons = Buttons(card);
        Assert.NotEmpty(buttons);
        Assert.All(buttons, b => Assert.NotNull((string?)b["url"]));
        var linkTypes = buttons.Select(b => (string?)JsonNode.Parse((string)b["action_id"]!)!["linkType"]).ToList();
        Assert.DoesNotContain("reply", linkTypes);
        Assert.Contains("web", linkTypes);
        Assert.Contains("ide", linkTypes);
        Assert.DoesNotContain(TextsOf(card), t => t.Contains("View Discussion & Reply", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenReplyModal_WhenInteractivityIsDisabled_PostsAnEphemeralNoteAndOpensNothing()
    {
        await using var scenario = await SlackScenario.StartAsync(settings: Disabled);
        var (teamId, _, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var trigger = InteractivityPayloads.NewTriggerId();
        scenario.Slack.RegisterTrigger(trigger);
        var responseUrl = scenario.Slack.NewResponseUrl();
        var calls = scenario.Slack.Calls.Count;

        var answer = await SendAsync(scenario, InteractivityPayloads.ReplyButton(codemarkId, teamId, trigger, responseUrl));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Empty(scenario.Slack.CallsTo("views.open"));
        Assert.Empty(scenario.Slack.OpenedViews);
        Assert.Equal(calls, scenario.Slack.Calls.Count);
        await SlackScenario.WaitUntilAsync(() => scenario.Slack.ResponseUrlPosts(responseUrl).Count > 0, because: "the ephemeral note is posted after the answer");
        var note = Assert.Single(scenario.Slack.ResponseUrlPosts(responseUrl)).ParseJson();
        Assert.Equal("ephemeral", (string?)note["response_type"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)note["text"]));
    }

    [Fact]
    public async Task Ack_WhenInteractivityIsDisabledAndUrlButtonIsClicked_Returns200WithoutSlackCalls()
    {
        await using var scenario = await SlackScenario.StartAsync(settings: Disabled);
        var (teamId, _, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var responseUrl = scenario.Slack.NewResponseUrl();
        var calls = scenario.Slack.Calls.Count;

        var answer = await SendAsync(
            scenario, InteractivityPayloads.Button(InteractivityPayloads.ActionId("web", codemarkId, teamId), InteractivityPayloads.NewTriggerId(), responseUrl));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(calls, scenario.Slack.Calls.Count);
        Assert.Empty(scenario.Slack.ResponseUrlPosts(responseUrl));
    }

    [Fact]
    public async Task SubmitReplyModal_WhenInteractivityIsDisabled_AnswersErrorsAndStoresNothing()
    {
        await using var scenario = await SlackScenario.StartAsync(settings: Disabled);
        var (teamId, _, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var postId = (string)(await scenario.GetCodemarkAsync(codemarkId))["postId"]!;
        var stored = await CountsAsync(scenario);
        var calls = scenario.Slack.Calls.Count;

        var answer = await SendAsync(
            scenario,
            InteractivityPayloads.Submission(InteractivityPayloads.Metadata(codemarkId, teamId, postId), "A reply", slackUserId: SlackScenario.AdaSlackId));

        AssertErrors(answer);
        Assert.Equal(stored, await CountsAsync(scenario));
        Assert.Equal(calls, scenario.Slack.Calls.Count);
        Assert.Empty(await RepliesAsync(scenario, codemarkId));
    }
}
