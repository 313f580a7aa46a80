using System.Net;
using System.Text;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;
using static CodeStream.Integrations.Web.FunctionalTests.SlackInteractivity.InteractivityDriver;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackInteractivity;

/// <summary>
/// One host with a connected team and a codemark, so that every refused request below would have had something to do:
/// a reply to store or a modal to open.
/// </summary>
public sealed class InteractivityBadInputHost : IAsyncLifetime
{
    public SlackScenario Scenario { get; private set; } = null!;

    public string TeamId { get; private set; } = null!;

    public string CodemarkId { get; private set; } = null!;

    /// <summary>A submission that would be accepted if it arrived as Slack sends it.</summary>
    public string GoodSubmission { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Scenario = await SlackScenario.StartAsync();
        (TeamId, _, CodemarkId) = await Scenario.ConnectedCodemarkAsync();
        var postId = (string)(await Scenario.GetCodemarkAsync(CodemarkId))["postId"]!;
        GoodSubmission = InteractivityPayloads.Submission(
            InteractivityPayloads.Metadata(CodemarkId, TeamId, postId), "Should never be stored", slackUserId: SlackScenario.AdaSlackId);
    }

    public async Task DisposeAsync() => await Scenario.DisposeAsync();

    /// <summary>A reply-button click with a registered, fresh trigger.</summary>
    public string GoodButton()
    {
        var trigger = InteractivityPayloads.NewTriggerId();
        Scenario.Slack.RegisterTrigger(trigger);
        return InteractivityPayloads.ReplyButton(CodemarkId, TeamId, trigger, Scenario.Slack.NewResponseUrl());
    }
}

/// <summary>
/// Bad input at the Interactivity request URL (spec §3, §4, §6, §10): wrong signatures are 401, bodies that are not a
/// form with one JSON <c>payload</c> object with a <c>type</c> are 4xx, payload types we don't handle are acknowledged —
/// and none of them stores anything or calls Slack.
/// </summary>
public sealed class InteractivityBadInputTests(InteractivityBadInputHost host) : IClassFixture<InteractivityBadInputHost>
{
    private SlackScenario Scenario => host.Scenario;

    public static TheoryData<string> Requests => ["submission", "button"];

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Post_WhenSignedWithAnotherSecret_Returns401AndDoesNothing(string request)
    {
        var body = InteractivityPayloads.Form(PayloadFor(request));

        await AssertNothingHappensAsync(async () =>
        {
            var (timestamp, signature) = SlackRequestSigner.Sign("not-the-signing-secret", body, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            var status = await SendAsync(body, timestamp, signature);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
        });
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Post_WhenBodyWasChangedAfterSigning_Returns401AndDoesNothing(string request)
    {
        var signed = InteractivityPayloads.Form(PayloadFor(request));
        var tampered = InteractivityPayloads.Form(PayloadFor(request).Replace("T0AAA0001", "T0AAA0002", StringComparison.Ordinal));

        await AssertNothingHappensAsync(async () =>
        {
            var (timestamp, signature) = SlackRequestSigner.Sign(SlackScenario.SigningSecret, signed, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(tampered, timestamp, signature));
        });
    }

    [Fact]
    public async Task Post_WhenSignatureHeadersAreMissing_Returns401AndDoesNothing()
    {
        await AssertNothingHappensAsync(async () =>
        {
            using var content = new StringContent(InteractivityPayloads.Form(host.GoodSubmission), Encoding.UTF8, FormContentType);
            using var response = await Scenario.Client.PostAsync(InteractivityPath, content);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        });
    }

    [Fact]
    public async Task Post_WhenSignatureIsStale_Returns401AndDoesNothing()
    {
        await AssertNothingHappensAsync(async () =>
        {
            using var response = await Scenario.PostSignedAsync(
                InteractivityPath, InteractivityPayloads.Form(host.GoodSubmission), FormContentType, DateTimeOffset.UtcNow.AddMinutes(-10));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        });
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task Post_WhenBodyIsNotAForm_Returns4xxAndDoesNothing(string contentType)
    {
        await AssertNothingHappensAsync(async () =>
        {
            var answer = await SendRawAsync(Scenario, host.GoodSubmission, contentType);
            Assert.InRange((int)answer.Status, 400, 499);
        });
    }

    [Theory]
    [InlineData("")]
    [InlineData("foo=bar")]
    [InlineData("payload=")]
    public async Task Post_WhenFormHasNoPayload_Returns400AndDoesNothing(string body)
    {
        await AssertNothingHappensAsync(async () =>
        {
            var answer = await SendRawAsync(Scenario, body, FormContentType);
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        });
    }

    [Fact]
    public async Task Post_WhenFormHasTwoPayloads_Returns400AndDoesNothing()
    {
        var body = InteractivityPayloads.Form(host.GoodSubmission) + "&" + InteractivityPayloads.Form(host.GoodSubmission);

        await AssertNothingHappensAsync(async () => Assert.Equal(HttpStatusCode.BadRequest, (await SendRawAsync(Scenario, body, FormContentType)).Status));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{")]
    [InlineData("{\"type\":\"view_submission\"")]
    [InlineData("type=view_submission")]
    public async Task Post_WhenPayloadIsNotJson_Returns400AndDoesNothing(string payload)
    {
        await AssertNothingHappensAsync(async () =>
        {
            var answer = await InteractivityDriver.SendAsync(Scenario, payload);
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        });
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"type\":42}")]
    [InlineData("{\"type\":null}")]
    [InlineData("[]")]
    [InlineData("\"view_submission\"")]
    [InlineData("{\"view\":{\"callback_id\":\"codemark-reply\"}}")]
    public async Task Post_WhenPayloadHasNoStringType_Returns400AndDoesNothing(string payload)
    {
        await AssertNothingHappensAsync(async () =>
        {
            var answer = await InteractivityDriver.SendAsync(Scenario, payload);
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        });
    }

    [Theory]
    [InlineData("view_closed")]
    [InlineData("shortcut")]
    [InlineData("message_action")]
    [InlineData("block_suggestion")]
    public async Task Post_WhenTypeIsNotOneWeHandle_Returns200AndDoesNothing(string type)
    {
        var payload = type switch
        {
            "view_closed" => InteractivityPayloads.ViewClosed,
            "shortcut" => InteractivityPayloads.Shortcut,
            _ => host.GoodSubmission.Replace("\"type\":\"view_submission\"", $"\"type\":\"{type}\"", StringComparison.Ordinal),
        };

        await AssertNothingHappensAsync(async () =>
        {
            var answer = await InteractivityDriver.SendAsync(Scenario, payload);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
        });
    }

    [Fact]
    public async Task Post_WhenSubmissionIsForAnotherAppsView_Returns200AndDoesNothing()
    {
        var payload = host.GoodSubmission.Replace("\"callback_id\":\"codemark-reply\"", "\"callback_id\":\"someone-elses-modal\"", StringComparison.Ordinal);
        Assert.NotEqual(host.GoodSubmission, payload);

        await AssertNothingHappensAsync(async () => Assert.Equal(HttpStatusCode.OK, (await InteractivityDriver.SendAsync(Scenario, payload)).Status));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"linkType\":\"reply\"")]
    [InlineData("{\"cId\":\"cm_01\"}")]
    [InlineData("")]
    public async Task Post_WhenButtonIsNotOneOfOurs_Returns200AndDoesNothing(string actionId)
    {
        var payload = InteractivityPayloads.Button(actionId, InteractivityPayloads.NewTriggerId(), Scenario.Slack.NewResponseUrl());

        await AssertNothingHappensAsync(async () => Assert.Equal(HttpStatusCode.OK, (await InteractivityDriver.SendAsync(Scenario, payload)).Status));
    }

    private string PayloadFor(string request) => request == "button" ? host.GoodButton() : host.GoodSubmission;

    private async Task<HttpStatusCode> SendAsync(string body, string timestamp, string signature)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, InteractivityPath) { Content = new StringContent(body, Encoding.UTF8, FormContentType) };
        message.Headers.Add(SlackRequestSigner.TimestampHeader, timestamp);
        message.Headers.Add(SlackRequestSigner.SignatureHeader, signature);
        using var response = await Scenario.Client.SendAsync(message);
        return response.StatusCode;
    }

    /// <summary>Runs <paramref name="act"/> and checks that the database and the fake Slack saw nothing new.</summary>
    private async Task AssertNothingHappensAsync(Func<Task> act)
    {
        var stored = await CountsAsync(Scenario);
        var calls = Scenario.Slack.Calls.Count;

        await act();

        Assert.Equal(stored, await CountsAsync(Scenario));
        Assert.Equal(calls, Scenario.Slack.Calls.Count);
        Assert.Empty(Scenario.Slack.OpenedViews);
    }
}
