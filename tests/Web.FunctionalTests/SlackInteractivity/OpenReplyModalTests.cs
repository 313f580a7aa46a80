using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;
using static CodeStream.Integrations.Web.FunctionalTests.SlackInteractivity.InteractivityDriver;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackInteractivity;

/// <summary>
/// "View Discussion &amp; Reply" (spec §6): the click opens the reply modal with <c>views.open</c>, the payload's trigger and
/// the workspace's bot token, within Slack's view limits; a missing codemark or a refused trigger become an ephemeral note
/// at the payload's <c>response_url</c>; URL buttons are only acknowledged.
/// </summary>
public sealed class OpenReplyModalTests
{
    private const int MaxBlocks = 100;
    private const int MaxText = 3000;

    [Fact]
    public async Task OpenReplyModal_WhenTheSharedCardsReplyButtonIsClicked_OpensOneModalWithTheTriggerAndBotToken()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        await scenario.ShareToChannelAsync(codemarkId, userId);
        var card = JsonNode.Parse(scenario.Slack.Messages(SlackScenario.ChannelId).Single().BlocksJson!)!.AsArray();
        var replyActionId = (string)Buttons(card).Single(b => ((string)b["action_id"]!).Contains("\"linkType\":\"reply\"", StringComparison.Ordinal))["action_id"]!;
        var trigger = InteractivityPayloads.NewTriggerId();
        scenario.Slack.RegisterTrigger(trigger);
        var responseUrl = scenario.Slack.NewResponseUrl();

        var answer = await SendAsync(scenario, InteractivityPayloads.Button(replyActionId, trigger, responseUrl));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var open = Assert.Single(scenario.Slack.CallsTo("views.open"));
        Assert.True(open.Succeeded, open.Error);
        Assert.Equal(trigger, open.Arg("trigger_id"));
        Assert.Equal(BotToken(scenario), open.Token);
        Assert.StartsWith("xoxb-", open.Token, StringComparison.Ordinal);
        var opened = Assert.Single(scenario.Slack.OpenedViews);
        Assert.Equal(trigger, opened.TriggerId);
        Assert.Equal(SlackScenario.SlackTeamId, opened.TeamId);
        Assert.Empty(scenario.Slack.ResponseUrlPosts(responseUrl));

        var view = JsonNode.Parse(open.Arg("view")!)!.AsObject();
        AssertWithinSlackLimits(view);
        Assert.Equal("modal", (string?)view["type"]);
        Assert.Equal("Post a Reply", (string?)view["title"]?["text"]);
        Assert.Equal("Reply", (string?)view["submit"]?["text"]);
        Assert.Equal("Cancel", (string?)view["close"]?["text"]);

        var codemark = await scenario.GetCodemarkAsync(codemarkId);
        var metadata = JsonNode.Parse((string)view["private_metadata"]!)!.AsObject();
        Assert.Equal(new[] { "cId", "ppId", "tId" }, metadata.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(codemarkId, (string?)metadata["cId"]);
        Assert.Equal(teamId, (string?)metadata["tId"]);
        Assert.Equal((string)codemark["postId"]!, (string?)metadata["ppId"]);

        var blocks = view["blocks"]!.AsArray();
        var input = Assert.Single(blocks, b => (string?)b!["type"] == "input")!;
        Assert.Equal(InputBlockId, (string?)input["block_id"]);
        Assert.Equal(InputActionId, (string?)input["element"]?["action_id"]);
        Assert.Equal("plain_text_input", (string?)input["element"]?["type"]);
        Assert.True((bool?)input["element"]?["multiline"]);
        Assert.Equal("Compose a reply", (string?)input["element"]?["placeholder"]?["text"]);
        Assert.Equal("Reply", (string?)input["label"]?["text"]);

        var texts = TextsOf(blocks).ToList();
        Assert.Contains(texts, t => t.Contains("Possible race", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Ada Lovelace", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("src/Worker.cs", StringComparison.Ordinal) && t.Contains("lock (gate)", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("src/Queue.cs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenReplyModal_WhenCodemarkHas200Replies_ShowsTheNewestThatFitOldestFirst()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        for (var i = 1; i <= 200; i++)
        {
            using var added = await scenario.Client.PostAsJsonAsync($"/api/v1/codemarks/{codemarkId}/replies", new { creatorId = userId, text = $"reply-{i:D3} is here" });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        var modal = await OpenModalAsync(scenario, codemarkId, teamId, SlackScenario.GraceSlackId);

        var view = JsonNode.Parse(Assert.Single(scenario.Slack.OpenedViews).ViewJson)!.AsObject();
        AssertWithinSlackLimits(view);
        var blocks = view["blocks"]!.AsArray();
        var inputAt = blocks.Select((b, i) => (b, i)).Single(x => (string?)x.b!["type"] == "input").i;
        var shown = TextsOf(blocks).SelectMany(ReplyNumbers).ToList();

        Assert.NotEmpty(shown);
        Assert.Equal(200, shown[^1]); // the newest reply is shown, last
        Assert.DoesNotContain(1, shown); // the oldest did not fit
        Assert.Equal(Enumerable.Range(shown[0], shown.Count), shown); // consecutive, oldest first
        Assert.True(shown.Count >= 50, $"only {shown.Count} replies shown");
        Assert.All(
            blocks.Select((b, i) => (b, i)).Where(x => TextsOf(x.b).SelectMany(ReplyNumbers).Any()),
            x => Assert.True(x.i > inputAt, "replies come after the input block"));
        Assert.Equal(modal.PrivateMetadata, (string?)view["private_metadata"]);
    }

    [Fact]
    public async Task OpenReplyModal_WhenCodemarkAndRepliesAreHuge_ViewStaysWithinSlackLimits()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, userId) = await scenario.CreateTeamWithUserAsync();
        using (var connected = await scenario.ConnectSlackAsync(userId, teamId))
        {
            Assert.True(connected.IsSuccessStatusCode);
        }

        // Long text with markup and characters that grow when escaped; after the bold title ("*" + 1,000 + "*\n") an emoji
        // pair straddles the 3,000th character of the body section.
        var text = new string('x', 1995) + "😀" + string.Concat(Enumerable.Repeat("**bold** & <tag> `code` ", 4000));
        var codemark = await scenario.PostJsonAsync(
            $"/api/v1/teams/{teamId}/codemarks",
            new
            {
                creatorId = userId,
                type = "question",
                title = new string('T', 1000),
                text,
                // 40 markers of ~15 KB of escaped JSON each: far past every Slack limit, and within the product API's 1 MiB body.
                markers = Enumerable.Range(1, 40).Select(i => new
                {
                    file = $"src/{new string('d', 900)}/File{i}.cs",
                    repo = new string('r', 900),
                    startLine = i,
                    endLine = i + 50,
                    code = string.Concat(Enumerable.Repeat("if (a < b && c > d) { ``` }\n", 200)),
                    remoteCodeUrl = (string?)null,
                }).ToArray(),
            });
        var codemarkId = (string)codemark["id"]!;
        for (var i = 1; i <= 3; i++)
        {
            await scenario.PostJsonAsync($"/api/v1/codemarks/{codemarkId}/replies", new { creatorId = userId, text = $"huge-{i} " + new string('y', 20_000) + " <&>" });
        }

        var modal = await OpenModalAsync(scenario, codemarkId, teamId, SlackScenario.GraceSlackId);

        AssertWithinSlackLimits(modal.View);
        var view = JsonNode.Parse(Assert.Single(scenario.Slack.OpenedViews).ViewJson)!.AsObject();
        AssertWithinSlackLimits(view);
        var blocks = view["blocks"]!.AsArray();
        Assert.Single(blocks, b => (string?)b!["block_id"] == InputBlockId);
        var texts = TextsOf(blocks).ToList();
        Assert.Contains(texts, t => t.Contains("huge-3", StringComparison.Ordinal));
        Assert.All(texts, t => Assert.False(t.Length > 0 && char.IsHighSurrogate(t[^1]), "a text ends in half an emoji"));
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("malformed")]
    [InlineData("deleted")]
    [InlineData("otherTeam")]
    [InlineData("noTeam")]
    public async Task OpenReplyModal_WhenCodemarkIsMissing_PostsEphemeralSorryAndOpensNothing(string kind)
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        await scenario.ShareToChannelAsync(codemarkId, userId);
        if (kind == "deleted")
        {
            using var deleted = await scenario.Client.DeleteAsync($"/api/v1/codemarks/{codemarkId}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            await SlackScenario.WaitUntilAsync(() => scenario.Slack.CallsTo("chat.delete").Count == 1, because: "the card is deleted in Slack");
        }

        var otherTeam = (string)(await scenario.PostJsonAsync("/api/v1/teams", new { name = "Other" }))["id"]!;
        var (cId, tId) = kind switch
        {
            "unknown" => ("cm_0199a0b1c2d37e8f9a0b1c2d3e4f5a6b", teamId),
            "malformed" => ("not a codemark id", teamId),
            "otherTeam" => (codemarkId, otherTeam),
            "noTeam" => (codemarkId, (string?)null),
            _ => (codemarkId, teamId),
        };
        var trigger = InteractivityPayloads.NewTriggerId();
        scenario.Slack.RegisterTrigger(trigger);
        var responseUrl = scenario.Slack.NewResponseUrl();
        var callsBefore = scenario.Slack.Calls.Count;

        var answer = await SendAsync(scenario, InteractivityPayloads.ReplyButton(cId, tId, trigger, responseUrl));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Empty(scenario.Slack.CallsTo("views.open"));
        Assert.Empty(scenario.Slack.OpenedViews);
        await SlackScenario.WaitUntilAsync(() => scenario.Slack.ResponseUrlPosts(responseUrl).Count > 0, because: "the ephemeral note is posted after the answer");
        var note = Assert.Single(scenario.Slack.ResponseUrlPosts(responseUrl)).ParseJson();
        Assert.Equal("ephemeral", (string?)note["response_type"]);
        Assert.Contains("Sorry, we couldn't find that codemark", (string?)note["text"], StringComparison.Ordinal);
        Assert.False((bool?)note["replace_original"] ?? false);
        Assert.Equal(callsBefore, scenario.Slack.Calls.Count);
    }

    [Fact]
    public async Task OpenReplyModal_WhenTriggerHasExpired_PostsEphemeralApology()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, _, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var trigger = InteractivityPayloads.NewTriggerId();
        scenario.Slack.RegisterTrigger(trigger, expired: true);
        var responseUrl = scenario.Slack.NewResponseUrl();

        var answer = await SendAsync(scenario, InteractivityPayloads.ReplyButton(codemarkId, teamId, trigger, responseUrl));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var open = Assert.Single(scenario.Slack.CallsTo("views.open"));
        Assert.Equal("expired_trigger_id", open.Error);
        Assert.Empty(scenario.Slack.OpenedViews);
        await SlackScenario.WaitUntilAsync(() => scenario.Slack.ResponseUrlPosts(responseUrl).Count > 0, because: "the ephemeral note is posted after the answer");
        var note = Assert.Single(scenario.Slack.ResponseUrlPosts(responseUrl)).ParseJson();
        Assert.Equal("ephemeral", (string?)note["response_type"]);
        Assert.StartsWith("Sorry", (string?)note["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReplyModal_WhenTheSameTriggerIsClickedTwice_OpensOneModalAndApologisesForTheSecond()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, _, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var trigger = InteractivityPayloads.NewTriggerId();
        scenario.Slack.RegisterTrigger(trigger);
        var first = scenario.Slack.NewResponseUrl();
        var second = scenario.Slack.NewResponseUrl();

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(scenario, InteractivityPayloads.ReplyButton(codemarkId, teamId, trigger, first))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(scenario, InteractivityPayloads.ReplyButton(codemarkId, teamId, trigger, second))).Status);

        Assert.Single(scenario.Slack.OpenedViews);
        await SlackScenario.WaitUntilAsync(() => scenario.Slack.ResponseUrlPosts(second).Count > 0, because: "the apology is posted after the answer");
        Assert.Empty(scenario.Slack.ResponseUrlPosts(first));
        Assert.StartsWith("Sorry", (string?)Assert.Single(scenario.Slack.ResponseUrlPosts(second)).ParseJson()["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReplyModal_WhenResponseUrlHangs_StillAcknowledgesWith200Within3Seconds()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, _, _) = await scenario.ConnectedCodemarkAsync();
        var trigger = InteractivityPayloads.NewTriggerId();
        scenario.Slack.RegisterTrigger(trigger);
        scenario.Slack.FailNext(FakeSlackServer.ResponseUrlMethod, SlackFault.Hang());

        var answer = await SendAsync(
            scenario, InteractivityPayloads.ReplyButton("cm_0199a0b1c2d37e8f9a0b1c2d3e4f5a6b", teamId, trigger, scenario.Slack.NewResponseUrl()));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.Elapsed < TimeSpan.FromSeconds(3), $"Slack waited {answer.Elapsed}");
    }

    [Fact]
    public async Task OpenReplyModal_WhenViewsOpenHangs_StillAcknowledgesWith200Within3Seconds()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, _, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var trigger = InteractivityPayloads.NewTriggerId();
        scenario.Slack.RegisterTrigger(trigger);
        scenario.Slack.FailNext("views.open", SlackFault.Hang());

        var answer = await SendAsync(scenario, InteractivityPayloads.ReplyButton(codemarkId, teamId, trigger, scenario.Slack.NewResponseUrl()));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.Elapsed < TimeSpan.FromSeconds(3), $"Slack waited {answer.Elapsed}");
    }

    [Theory]
    [InlineData("web", null, null)]
    [InlineData("ide", "mk_0199a0b1c2d37e8f9a0b1c2d3e4f5a6b", null)]
    [InlineData("external", "mk_0199a0b1c2d37e8f9a0b1c2d3e4f5a6b", "github")]
    public async Task Ack_WhenUrlButtonIsClicked_Returns200AtOnceWithoutSlackCalls(string linkType, string? markerId, string? provider)
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, _, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var trigger = InteractivityPayloads.NewTriggerId();
        scenario.Slack.RegisterTrigger(trigger);
        var responseUrl = scenario.Slack.NewResponseUrl();
        var callsBefore = scenario.Slack.Calls.Count;
        var stored = await CountsAsync(scenario);

        var answer = await SendAsync(
            scenario, InteractivityPayloads.Button(InteractivityPayloads.ActionId(linkType, codemarkId, teamId, markerId, provider), trigger, responseUrl));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.Elapsed < TimeSpan.FromSeconds(3), $"took {answer.Elapsed}");
        Assert.Equal(callsBefore, scenario.Slack.Calls.Count);
        Assert.Empty(scenario.Slack.ResponseUrlPosts(responseUrl));
        Assert.Equal(stored, await CountsAsync(scenario));
    }

    [Fact]
    public async Task Ack_WhenAnyUrlButtonOfTheSharedCardIsClicked_Returns200WithoutSlackCalls()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        await scenario.ShareToChannelAsync(codemarkId, userId);
        var card = JsonNode.Parse(scenario.Slack.Messages(SlackScenario.ChannelId).Single().BlocksJson!)!.AsArray();
        var urlButtons = Buttons(card).Where(b => b["url"] is not null).ToList();
        Assert.True(urlButtons.Count >= 3, "Open in IDE, Open on GitHub and Open on Web");
        var callsBefore = scenario.Slack.Calls.Count;

        foreach (var button in urlButtons)
        {
            var responseUrl = scenario.Slack.NewResponseUrl();
            var answer = await SendAsync(scenario, InteractivityPayloads.Button((string)button["action_id"]!, InteractivityPayloads.NewTriggerId(), responseUrl));

            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Empty(scenario.Slack.ResponseUrlPosts(responseUrl));
        }

        Assert.Equal(callsBefore, scenario.Slack.Calls.Count);
    }

    /// <summary>Slack's view limits: ≤ 100 blocks, every text ≤ 3,000 characters, private_metadata ≤ 3,000.</summary>
    private static void AssertWithinSlackLimits(JsonObject view)
    {
        var blocks = view["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 1, MaxBlocks);
        Assert.All(TextsOf(blocks), t => Assert.InRange(t.Length, 1, MaxText));
        Assert.InRange(((string?)view["private_metadata"])?.Length ?? 0, 1, MaxText);
        Assert.True(((string?)view["title"]?["text"])?.Length <= 24, "a modal title has at most 24 characters");
        Assert.All(blocks, b => Assert.Contains((string?)b!["type"], new[] { "section", "context", "input", "divider" }));
        var blockIds = blocks.Select(b => (string?)b!["block_id"]).OfType<string>().ToList();
        Assert.Equal(blockIds.Count, blockIds.Distinct(StringComparer.Ordinal).Count());
    }

    private static IEnumerable<int> ReplyNumbers(string text)
    {
        for (var at = text.IndexOf("reply-", StringComparison.Ordinal); at >= 0; at = text.IndexOf("reply-", at + 1, StringComparison.Ordinal))
        {
            if (at + 9 <= text.Length && int.TryParse(text.AsSpan(at + 6, 3), System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                yield return number;
            }
        }
    }
}
