using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.Web.FunctionalTests.SlackOAuth;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackInteractivity;

/// <summary>What the host answered Slack, and how long the round trip took.</summary>
internal sealed record InteractivityAnswer(HttpStatusCode Status, string Body, string? MediaType, TimeSpan Elapsed)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}

/// <summary>The modal as Slack holds it after <c>views.open</c>: what a real submission of it carries.</summary>
internal sealed record OpenedModal(string ViewId, string Hash, string PrivateMetadata, JsonObject View);

/// <summary>What the test database holds, to prove that a request stored nothing.</summary>
internal sealed record StoredCounts(long Replies, long Submissions, long Users, long IdentityLinks, long WorkItems);

/// <summary>Talks to the Interactivity request URL the way Slack does: a signed form whose one field is the JSON payload.</summary>
internal static class InteractivityDriver
{
    public const string InteractivityPath = "/no-auth/provider-action/slack";
    public const string FormContentType = "application/x-www-form-urlencoded";
    public const string InputBlockId = "block__text_input--message";
    public const string InputActionId = "action__text_input--message";
    public const string InviteLine = "Join your team on CodeStream";

    /// <summary>Posts <paramref name="payloadJson"/> as Slack does: <c>payload=</c> + the escaped JSON, signed.</summary>
    public static Task<InteractivityAnswer> SendAsync(SlackScenario scenario, string payloadJson) =>
        SendRawAsync(scenario, InteractivityPayloads.Form(payloadJson), FormContentType);

    /// <summary>Posts any body with a valid signature.</summary>
    public static async Task<InteractivityAnswer> SendRawAsync(SlackScenario scenario, string body, string contentType)
    {
        var watch = Stopwatch.StartNew();
        using var response = await scenario.PostSignedAsync(InteractivityPath, body, contentType);
        var text = await response.Content.ReadAsStringAsync();
        watch.Stop();
        return new InteractivityAnswer(response.StatusCode, text, response.Content.Headers.ContentType?.MediaType, watch.Elapsed);
    }

    /// <summary>Clicks the reply button with a registered trigger and returns the modal Slack opened.</summary>
    public static async Task<OpenedModal> OpenModalAsync(SlackScenario scenario, string codemarkId, string teamId, string slackUserId)
    {
        var trigger = InteractivityPayloads.NewTriggerId();
        scenario.Slack.RegisterTrigger(trigger);
        var answer = await SendAsync(scenario, InteractivityPayloads.ReplyButton(codemarkId, teamId, trigger, scenario.Slack.NewResponseUrl(), slackUserId));
        Assert.Equal(HttpStatusCode.OK, answer.Status);

        var call = Assert.Single(scenario.Slack.CallsTo("views.open"), c => c.Arg("trigger_id") == trigger);
        Assert.True(call.Succeeded, $"views.open failed: {call.Error}");
        var view = call.ParseResponse()!["view"]!.AsObject();
        return new OpenedModal((string)view["id"]!, (string)view["hash"]!, (string)view["private_metadata"]!, view);
    }

    /// <summary>Submits an opened modal with <paramref name="text"/>, as <paramref name="slackUserId"/>.</summary>
    public static Task<InteractivityAnswer> SubmitAsync(SlackScenario scenario, OpenedModal modal, string? text, string slackUserId) =>
        SendAsync(scenario, InteractivityPayloads.Submission(modal.PrivateMetadata, text, modal.ViewId, modal.Hash, slackUserId));

    /// <summary>The workspace's bot token as Slack issued it during the OAuth connect.</summary>
    public static string BotToken(SlackScenario scenario) =>
        (string)scenario.Slack.CallsTo("oauth.v2.access").Last(c => c.Succeeded).ParseResponse()!["access_token"]!;

    public static async Task<JsonArray> RepliesAsync(SlackScenario scenario, string codemarkId) =>
        (await scenario.GetCodemarkAsync(codemarkId))["replies"]!.AsArray();

    public static async Task<JsonArray> TeamUsersAsync(SlackScenario scenario, string teamId) =>
        JsonNode.Parse(await scenario.Client.GetStringAsync($"/api/v1/teams/{teamId}/users"))!.AsArray();

    public static async Task<StoredCounts> CountsAsync(SlackScenario scenario) => new(
        await DatabaseInspector.CountAsync(scenario.Database, "posts"),
        await DatabaseInspector.CountAsync(scenario.Database, "slack_modal_submissions"),
        await DatabaseInspector.CountAsync(scenario.Database, "users"),
        await DatabaseInspector.CountAsync(scenario.Database, "slack_identity_links"),
        await DatabaseInspector.CountAsync(scenario.Database, "work_items"));

    /// <summary>The thread replies (not the root) of the shared message.</summary>
    public static IReadOnlyList<TestSupport.Slack.SlackMessage> ThreadReplies(SlackScenario scenario, string rootTs) =>
        scenario.Slack.Thread(SlackScenario.ChannelId, rootTs).Where(m => m.IsReply).ToList();

    /// <summary>The answer Slack needs after a good submission: the modal replaced by "Reply Sent".</summary>
    public static JsonObject AssertReplySent(InteractivityAnswer answer, bool invite)
    {
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/json", answer.MediaType);
        var json = answer.Json;
        Assert.Equal("update", (string?)json["response_action"]);
        var view = Assert.IsType<JsonObject>(json["view"]);
        Assert.Equal("modal", (string?)view["type"]);
        Assert.Equal("Reply Sent", (string?)view["title"]?["text"]);
        var texts = TextsOf(view["blocks"]).ToList();
        Assert.Contains(texts, t => t.Contains("Reply posted to CodeStream!", StringComparison.Ordinal));
        if (invite)
        {
            Assert.Contains(texts, t => t.Contains(InviteLine, StringComparison.Ordinal));
        }
        else
        {
            Assert.DoesNotContain(texts, t => t.Contains(InviteLine, StringComparison.Ordinal));
        }

        return view;
    }

    /// <summary>The <c>errors</c> answer on the input block; returns its message.</summary>
    public static string AssertErrors(InteractivityAnswer answer)
    {
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var json = answer.Json;
        Assert.Equal("errors", (string?)json["response_action"]);
        var errors = Assert.IsType<JsonObject>(json["errors"]);
        var (block, message) = Assert.Single(errors);
        Assert.Equal(InputBlockId, block);
        var text = (string?)message;
        Assert.False(string.IsNullOrWhiteSpace(text));
        return text!;
    }

    /// <summary>Every "text" string anywhere in a Block Kit tree (sections, contexts, labels, buttons).</summary>
    public static IEnumerable<string> TextsOf(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "text" && p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? [text] : TextsOf(p.Value)),
        JsonArray a => a.SelectMany(TextsOf),
        _ => [],
    };

    /// <summary>Every <c>action_id</c> of every actions block of a message's blocks.</summary>
    public static IReadOnlyList<JsonObject> Buttons(JsonArray blocks) =>
        blocks.Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray()).Select(e => e!.AsObject()).ToList();
}
