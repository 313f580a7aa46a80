using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;
using CodeStream.Integrations.Web.FunctionalTests.SlackOAuth;
using static CodeStream.Integrations.Web.FunctionalTests.SlackInteractivity.InteractivityDriver;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackInteractivity;

/// <summary>
/// Submitting the reply modal (spec §6, §8): the reply is stored once (origin Slack, author resolved by identity link,
/// e-mail or as a faux user), cross-posted into the shared thread, and Slack hears <c>update</c> ("Reply Sent") within
/// 3 seconds; user mistakes answer <c>errors</c> on the input block and store nothing.
/// </summary>
public sealed class SubmitReplyModalTests
{
    private const string StrangerSlackId = "U0EEE0005";
    private const string ReplyText = "Looks good to me, merging after CI";

    public static TheoryData<DatabaseProvider> Databases => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Fact]
    public async Task SubmitReplyModal_WhenLinkedUserReplies_StoresOneSlackReplyByHerAndCrossPostsIt()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, adaId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var rootTs = (string)(await scenario.ShareToChannelAsync(codemarkId, adaId))["postId"]!;
        var modal = await OpenModalAsync(scenario, codemarkId, teamId, SlackScenario.AdaSlackId);
        var usersBefore = (await TeamUsersAsync(scenario, teamId)).Count;

        var answer = await SubmitAsync(scenario, modal, "  " + ReplyText + "\n", SlackScenario.AdaSlackId);

        AssertReplySent(answer, invite: false);
        var reply = Assert.Single(await RepliesAsync(scenario, codemarkId))!;
        Assert.Equal(ReplyText, (string?)reply["text"]);
        Assert.Equal("Slack", (string?)reply["origin"]);
        Assert.Equal(adaId, (string?)reply["creatorId"]);
        Assert.Equal(usersBefore, (await TeamUsersAsync(scenario, teamId)).Count);

        await SlackScenario.WaitUntilAsync(() => ThreadReplies(scenario, rootTs).Count > 0, because: "the reply is cross-posted into the thread");
        var copy = Assert.Single(ThreadReplies(scenario, rootTs));
        Assert.Equal(SlackScenario.BotUserId, copy.UserId);
        Assert.Equal("Ada Lovelace", copy.Username);
        Assert.Contains(ReplyText, copy.BlocksJson ?? copy.Text, StringComparison.Ordinal);
        await SlackScenario.WaitUntilAsync(
            async () => (await RepliesAsync(scenario, codemarkId))[0]!["sharedTo"]!.AsArray().Count == 1, because: "the copy is recorded");
        Assert.Single(ThreadReplies(scenario, rootTs));
    }

    [Fact]
    public async Task SubmitReplyModal_WhenSlackUserHasTheEmailOfACodeStreamUser_StoresTheReplyByThatUser()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, adaId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var rootTs = (string)(await scenario.ShareToChannelAsync(codemarkId, adaId))["postId"]!;
        var grace = await scenario.PostJsonAsync($"/api/v1/teams/{teamId}/users", new { email = "grace.hopper@example.com", username = "grace", fullName = "Grace Hopper" });
        var modal = await OpenModalAsync(scenario, codemarkId, teamId, SlackScenario.GraceSlackId);

        var answer = await SubmitAsync(scenario, modal, ReplyText, SlackScenario.GraceSlackId);

        AssertReplySent(answer, invite: false);
        var reply = Assert.Single(await RepliesAsync(scenario, codemarkId))!;
        Assert.Equal((string)grace["id"]!, (string?)reply["creatorId"]);
        Assert.Equal("Slack", (string?)reply["origin"]);
        Assert.DoesNotContain(await TeamUsersAsync(scenario, teamId), u => u!["externalUserId"] is not null);
        await SlackScenario.WaitUntilAsync(() => ThreadReplies(scenario, rootTs).Count > 0, because: "the reply is cross-posted into the thread");
        Assert.Equal("Grace Hopper", Assert.Single(ThreadReplies(scenario, rootTs)).Username);
    }

    [Fact]
    public async Task SubmitReplyModal_WhenSlackUserIsUnknownToCodeStream_StoresTheReplyByANewFauxUserAndInvites()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, adaId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        scenario.Slack.AddUser(SlackScenario.SlackTeamId, StrangerSlackId, "edsger", "Edsger Dijkstra", "edsger@example.org", "Europe/Amsterdam");
        var rootTs = (string)(await scenario.ShareToChannelAsync(codemarkId, adaId))["postId"]!;
        var modal = await OpenModalAsync(scenario, codemarkId, teamId, StrangerSlackId);

        var answer = await SubmitAsync(scenario, modal, ReplyText, StrangerSlackId);

        AssertReplySent(answer, invite: true);
        var faux = Assert.Single(await TeamUsersAsync(scenario, teamId), u => u!["externalUserId"] is not null)!;
        Assert.Equal($"slack::{teamId}::{SlackScenario.SlackTeamId}::{StrangerSlackId}", (string?)faux["externalUserId"]);
        Assert.False((bool?)faux["isRegistered"]);
        Assert.Equal("edsger@example.org", (string?)faux["email"]);
        var reply = Assert.Single(await RepliesAsync(scenario, codemarkId))!;
        Assert.Equal((string)faux["id"]!, (string?)reply["creatorId"]);
        Assert.Equal("Slack", (string?)reply["origin"]);
        await SlackScenario.WaitUntilAsync(() => ThreadReplies(scenario, rootTs).Count > 0, because: "the reply is cross-posted into the thread");
        Assert.Single(ThreadReplies(scenario, rootTs));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" \n\t \r\n ")]
    [InlineData(null)]
    public async Task SubmitReplyModal_WhenTextIsEmptyOrWhitespace_AnswersPleaseWriteAReplyAndStoresNothing(string? text)
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, _, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var modal = await OpenModalAsync(scenario, codemarkId, teamId, SlackScenario.AdaSlackId);
        var stored = await CountsAsync(scenario);

        var answer = await SubmitAsync(scenario, modal, text, SlackScenario.AdaSlackId);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse("""{"response_action":"errors","errors":{"block__text_input--message":"Please write a reply."}}"""), answer.Json),
            answer.Body);
        Assert.Equal(stored, await CountsAsync(scenario));
        Assert.Empty(await RepliesAsync(scenario, codemarkId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"cId":"cm_01"}""")]
    [InlineData("""{"cId":1,"tId":2,"ppId":3}""")]
    [InlineData("""{"cId":null,"tId":null,"ppId":null}""")]
    public async Task SubmitReplyModal_WhenPrivateMetadataIsMissingOrGarbled_AnswersErrorsAndStoresNothing(string? metadata)
    {
        await using var scenario = await SlackScenario.StartAsync();
        await scenario.ConnectedCodemarkAsync();
        var stored = await CountsAsync(scenario);

        var answer = await SendAsync(scenario, InteractivityPayloads.Submission(metadata, ReplyText, slackUserId: SlackScenario.AdaSlackId));

        var message = AssertErrors(answer);
        Assert.NotEqual("Please write a reply.", message);
        Assert.Contains("out of date", message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(stored, await CountsAsync(scenario));
    }

    [Fact]
    public async Task SubmitReplyModal_WhenPrivateMetadataIsLongerThanSlackAllows_AnswersErrorsAndStoresNothing()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, _, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var codemark = await scenario.GetCodemarkAsync(codemarkId);
        var metadata = new JsonObject
        {
            ["cId"] = codemarkId,
            ["tId"] = teamId,
            ["ppId"] = (string)codemark["postId"]!,
            ["pad"] = new string('p', 3000),
        }.ToJsonString();
        var stored = await CountsAsync(scenario);

        var answer = await SendAsync(scenario, InteractivityPayloads.Submission(metadata, ReplyText, slackUserId: SlackScenario.AdaSlackId));

        AssertErrors(answer);
        Assert.Equal(stored, await CountsAsync(scenario));
    }

    [Theory]
    [InlineData("deleted")]
    [InlineData("unknown")]
    [InlineData("otherTeam")]
    public async Task SubmitReplyModal_WhenCodemarkIsDeletedOrUnknown_AnswersErrorsAndStoresNothing(string kind)
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, _, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var modal = await OpenModalAsync(scenario, codemarkId, teamId, SlackScenario.AdaSlackId);
        var postId = (string)(await scenario.GetCodemarkAsync(codemarkId))["postId"]!;
        var otherTeam = (string)(await scenario.PostJsonAsync("/api/v1/teams", new { name = "Other" }))["id"]!;
        if (kind == "deleted")
        {
            using var deleted = await scenario.Client.DeleteAsync($"/api/v1/codemarks/{codemarkId}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var metadata = kind switch
        {
            "unknown" => InteractivityPayloads.Metadata("cm_0199a0b1c2d37e8f9a0b1c2d3e4f5a6b", teamId, postId),
            "otherTeam" => InteractivityPayloads.Metadata(codemarkId, otherTeam, postId),
            _ => modal.PrivateMetadata,
        };
        var stored = await CountsAsync(scenario);

        var answer = await SendAsync(scenario, InteractivityPayloads.Submission(metadata, ReplyText, modal.ViewId, modal.Hash, SlackScenario.AdaSlackId));

        var message = AssertErrors(answer);
        Assert.Contains("couldn't find that codemark", message, StringComparison.Ordinal);
        Assert.Equal(stored, await CountsAsync(scenario));
    }

    [Fact]
    public async Task SubmitReplyModal_WhenDeliveredTwiceInSequence_StoresOneReply()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, adaId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var rootTs = (string)(await scenario.ShareToChannelAsync(codemarkId, adaId))["postId"]!;
        var modal = await OpenModalAsync(scenario, codemarkId, teamId, SlackScenario.AdaSlackId);

        var first = await SubmitAsync(scenario, modal, ReplyText, SlackScenario.AdaSlackId);
        var second = await SubmitAsync(scenario, modal, ReplyText, SlackScenario.AdaSlackId);

        AssertReplySent(first, invite: false);
        AssertReplySent(second, invite: false);
        Assert.Single(await RepliesAsync(scenario, codemarkId));
        Assert.Equal(1, await DatabaseInspector.CountAsync(scenario.Database, "posts"));
        Assert.Equal(1, await DatabaseInspector.CountAsync(scenario.Database, "slack_modal_submissions"));
        await SlackScenario.WaitUntilAsync(() => ThreadReplies(scenario, rootTs).Count > 0, because: "the reply is cross-posted into the thread");
        await SlackScenario.WaitUntilAsync(
            async () => (await RepliesAsync(scenario, codemarkId))[0]!["sharedTo"]!.AsArray().Count == 1, because: "the copy is recorded");
        Assert.Single(ThreadReplies(scenario, rootTs));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task SubmitReplyModal_WhenDeliveredConcurrently_StoresOneReply(DatabaseProvider provider)
    {
        await using var scenario = await SlackScenario.StartAsync(provider);
        var (teamId, adaId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var rootTs = (string)(await scenario.ShareToChannelAsync(codemarkId, adaId))["postId"]!;
        var modal = await OpenModalAsync(scenario, codemarkId, teamId, SlackScenario.AdaSlackId);
        var payload = InteractivityPayloads.Submission(modal.PrivateMetadata, ReplyText, modal.ViewId, modal.Hash, SlackScenario.AdaSlackId);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => SendAsync(scenario, payload))));

        Assert.All(answers, a => AssertReplySent(a, invite: false));
        Assert.Single(await RepliesAsync(scenario, codemarkId));
        Assert.Equal(1, await DatabaseInspector.CountAsync(scenario.Database, "posts"));
        Assert.Equal(1, await DatabaseInspector.CountAsync(scenario.Database, "slack_modal_submissions"));
        await SlackScenario.WaitUntilAsync(() => ThreadReplies(scenario, rootTs).Count > 0, because: "the reply is cross-posted into the thread");
        await SlackScenario.WaitUntilAsync(
            async () => (await RepliesAsync(scenario, codemarkId))[0]!["sharedTo"]!.AsArray().Count == 1, because: "the copy is recorded");
        Assert.Single(ThreadReplies(scenario, rootTs));
    }

    [Fact]
    public async Task SubmitReplyModal_WhenAnUnknownUserSubmitsConcurrently_CreatesOneFauxUserAndOneReply()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, _, codemarkId) = await scenario.ConnectedCodemarkAsync();
        scenario.Slack.AddUser(SlackScenario.SlackTeamId, StrangerSlackId, "edsger", "Edsger Dijkstra", "edsger@example.org");
        var modal = await OpenModalAsync(scenario, codemarkId, teamId, StrangerSlackId);
        var payload = InteractivityPayloads.Submission(modal.PrivateMetadata, ReplyText, modal.ViewId, modal.Hash, StrangerSlackId);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SendAsync(scenario, payload))));

        Assert.All(answers, a => Assert.Equal("update", (string?)a.Json["response_action"]));
        Assert.Single(await TeamUsersAsync(scenario, teamId), u => u!["externalUserId"] is not null);
        Assert.Single(await RepliesAsync(scenario, codemarkId));
    }

    [Fact]
    public async Task SubmitReplyModal_WhenTwoDifferentSubmissionsArrive_StoresBothReplies()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, _, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var first = await OpenModalAsync(scenario, codemarkId, teamId, SlackScenario.AdaSlackId);
        var second = await OpenModalAsync(scenario, codemarkId, teamId, SlackScenario.AdaSlackId);

        AssertReplySent(await SubmitAsync(scenario, first, "first", SlackScenario.AdaSlackId), invite: false);
        AssertReplySent(await SubmitAsync(scenario, second, "second", SlackScenario.AdaSlackId), invite: false);

        var texts = (await RepliesAsync(scenario, codemarkId)).Select(r => (string)r!["text"]!).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "first", "second" }, texts);
    }

    [Fact]
    public async Task SubmitReplyModal_WhenAuthorLookupOutlastsTheBudget_AnswersInTimeAndFinishesTheReplyOnce()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (teamId, adaId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        scenario.Slack.AddUser(SlackScenario.SlackTeamId, StrangerSlackId, "edsger", "Edsger Dijkstra", "edsger@example.org");
        var rootTs = (string)(await scenario.ShareToChannelAsync(codemarkId, adaId))["postId"]!;
        var modal = await OpenModalAsync(scenario, codemarkId, teamId, StrangerSlackId);
        var lookupsBefore = scenario.Slack.CallsTo("users.info").Count;
        scenario.Slack.FailNext("users.info", SlackFault.Hang());

        var watch = Stopwatch.StartNew();
        var answer = await SubmitAsync(scenario, modal, ReplyText, StrangerSlackId);
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"Slack waited {watch.Elapsed}");
        AssertReplySent(answer, invite: true);
        Assert.Equal(0, scenario.Slack.PendingFaults("users.info")); // the hang was used up by the first lookup

        await SlackScenario.WaitUntilAsync(
            async () => (await RepliesAsync(scenario, codemarkId)).Count > 0, TimeSpan.FromSeconds(30), "the background work finishes the reply");
        // The hung lookup gives up after its per-attempt timeout and is retried; nothing may be created twice by then.
        await SlackScenario.WaitUntilAsync(
            () => scenario.Slack.CallsTo("users.info").Skip(lookupsBefore).Count(c => c.Succeeded) >= 1, TimeSpan.FromSeconds(30), "the hung users.info is retried");
        Assert.Null(scenario.Slack.CallsTo("users.info")[lookupsBefore].StatusCode); // the first lookup after the click is the one that hung
        await SlackScenario.WaitUntilAsync(() => ThreadReplies(scenario, rootTs).Count > 0, because: "the reply is cross-posted into the thread");

        var faux = Assert.Single(await TeamUsersAsync(scenario, teamId), u => u!["externalUserId"] is not null)!;
        var reply = Assert.Single(await RepliesAsync(scenario, codemarkId))!;
        Assert.Equal(ReplyText, (string?)reply["text"]);
        Assert.Equal("Slack", (string?)reply["origin"]);
        Assert.Equal((string)faux["id"]!, (string?)reply["creatorId"]);
        Assert.Equal(1, await DatabaseInspector.CountAsync(scenario.Database, "slack_modal_submissions"));
        Assert.Single(ThreadReplies(scenario, rootTs));
    }
}
