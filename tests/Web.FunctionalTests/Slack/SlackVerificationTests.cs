using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Hosting;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CodeStream.Integrations.Web.FunctionalTests.Slack;

/// <summary>
/// The real host on a clock the tests control (so "301 s away" is exact), with the scenario's configuration.
/// Shared by the tests that only send requests.
/// </summary>
public sealed class SlackVerificationHost : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public SlackScenario Scenario { get; private set; } = null!;

    public async Task InitializeAsync() => Scenario = await StartAsync(Clock);

    public async Task DisposeAsync() => await Scenario.DisposeAsync();

    public static Task<SlackScenario> StartAsync(TimeProvider clock, Dictionary<string, string?>? settings = null) =>
        SlackScenario.StartAsync(settings: settings, configureServices: services => services.AddSingleton(clock));
}

/// <summary>
/// Every request to the Events URL is verified before anything is parsed (spec §3, §4): a valid v0 signature within
/// ±300 s gets the <c>url_verification</c> challenge back; anything else is a 401 problem that echoes nothing and names
/// no secret; a body over 1 MiB is a 413, with or without a Content-Length.
/// </summary>
public sealed class SlackVerificationTests(SlackVerificationHost host) : IClassFixture<SlackVerificationHost>
{
    private const string EventsPath = "/no-auth/provider-action/slack-events";
    private const string InteractivityPath = "/no-auth/provider-action/slack";
    private const string FormContentType = "application/x-www-form-urlencoded";
    private const string Challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P";
    private const string OtherAppId = "A0OTHER02";
    private const string OtherSecret = "other-signing-secret-9c2d41";
    private const int OneMiB = 1024 * 1024;

    private static readonly string UrlVerification =
        $$"""{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"{{Challenge}}","type":"url_verification"}""";

    private long NowSeconds => host.Clock.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public async Task Post_WhenSignatureIsValid_Returns200WithTheChallenge()
    {
        var answer = await SendAsync(host.Scenario, UrlVerification, SlackScenario.SigningSecret, NowSeconds);

        AssertChallengeEchoed(answer);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(-300)]
    public async Task Post_WhenTimestampIs300SecondsAway_Returns200WithTheChallenge(long offset)
    {
        var answer = await SendAsync(host.Scenario, UrlVerification, SlackScenario.SigningSecret, NowSeconds + offset);

        AssertChallengeEchoed(answer);
    }

    [Fact]
    public async Task Post_WhenSignedByTheFakeSlackSigner_Returns200WithTheChallenge()
    {
        using var client = host.Scenario.Host.CreateClient(apiKey: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, EventsPath);
        SlackRequestSigner.Apply(request, SlackScenario.SigningSecret, UrlVerification, host.Clock.GetUtcNow());

        var answer = await ReadAsync(await client.SendAsync(request));

        AssertChallengeEchoed(answer);
    }

    [Fact]
    public async Task Post_WhenSignedWithAnotherSecret_Returns401()
    {
        var answer = await SendAsync(host.Scenario, UrlVerification, "not-the-signing-secret", NowSeconds);

        AssertRejected(answer);
    }

    [Theory]
    [InlineData(0)] // the opening brace
    [InlineData(30)] // inside the token
    [InlineData(90)] // inside the challenge (it starts at 49)
    public async Task Post_WhenOneBodyByteChangedAfterSigning_Returns401(int index)
    {
        var signed = Encoding.UTF8.GetBytes(UrlVerification);
        var (timestamp, signature) = Sign(SlackScenario.SigningSecret, signed, NowSeconds);
        var sent = (byte[])signed.Clone();
        sent[index] = sent[index] == (byte)'X' ? (byte)'Y' : (byte)'X';

        var answer = await SendRawAsync(host.Scenario, sent, timestamp, signature);

        AssertRejected(answer);
        Assert.DoesNotContain(Challenge[..20], answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WhenSignatureHeaderMissing_Returns401()
    {
        var body = Encoding.UTF8.GetBytes(UrlVerification);
        var (timestamp, _) = Sign(SlackScenario.SigningSecret, body, NowSeconds);

        var answer = await SendRawAsync(host.Scenario, body, timestamp, signature: null);

        AssertRejected(answer);
    }

    [Fact]
    public async Task Post_WhenTimestampHeaderMissing_Returns401()
    {
        var body = Encoding.UTF8.GetBytes(UrlVerification);
        var (_, signature) = Sign(SlackScenario.SigningSecret, body, NowSeconds);

        var answer = await SendRawAsync(host.Scenario, body, timestamp: null, signature);

        AssertRejected(answer);
    }

    [Fact]
    public async Task Post_WhenNoSlackHeadersAtAll_Returns401()
    {
        var answer = await SendRawAsync(host.Scenario, Encoding.UTF8.GetBytes(UrlVerification), timestamp: null, signature: null);

        AssertRejected(answer);
    }

    [Theory]
    [InlineData(-301)] // 301 s old
    [InlineData(301)] // 301 s in the future
    [InlineData(-86_400)]
    public async Task Post_WhenTimestampIsMoreThan300SecondsAway_Returns401(long offset)
    {
        var answer = await SendAsync(host.Scenario, UrlVerification, SlackScenario.SigningSecret, NowSeconds + offset);

        AssertRejected(answer);
    }

    [Theory]
    [InlineData("not-a-number")]
    [InlineData("-1")]
    [InlineData("12345678901234567890")]
    [InlineData("1.5")]
    public async Task Post_WhenTimestampIsNotNumeric_Returns401(string timestamp)
    {
        var body = Encoding.UTF8.GetBytes(UrlVerification);
        var signature = SignWithTimestampText(SlackScenario.SigningSecret, body, timestamp);

        var answer = await SendRawAsync(host.Scenario, body, timestamp, signature);

        AssertRejected(answer);
    }

    [Fact]
    public async Task Post_WhenSignatureHexIsUppercase_Returns401()
    {
        var body = Encoding.UTF8.GetBytes(UrlVerification);
        var (timestamp, signature) = Sign(SlackScenario.SigningSecret, body, NowSeconds);

        var answer = await SendRawAsync(host.Scenario, body, timestamp, "v0=" + signature[3..].ToUpperInvariant());

        AssertRejected(answer);
    }

    [Fact]
    public async Task Post_WhenBodyIsOneByteOver1MiB_Returns413()
    {
        var body = PaddedUrlVerification(OneMiB + 1);
        var (timestamp, signature) = Sign(SlackScenario.SigningSecret, body, NowSeconds);

        var answer = await SendRawAsync(host.Scenario, body, timestamp, signature);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        AssertNothingLeaked(answer);
    }

    [Fact]
    public async Task Post_WhenBodyIsOneByteOver1MiBAndUnsigned_Returns413BeforeVerifying()
    {
        var answer = await SendRawAsync(host.Scenario, PaddedUrlVerification(OneMiB + 1), timestamp: null, signature: null);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
    }

    [Fact]
    public async Task Post_WhenChunkedBodyIsOneByteOver1MiB_Returns413()
    {
        var body = PaddedUrlVerification(OneMiB + 1);
        var (timestamp, signature) = Sign(SlackScenario.SigningSecret, body, NowSeconds);

        var answer = await SendRawAsync(host.Scenario, body, timestamp, signature, chunked: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        AssertNothingLeaked(answer);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Post_WhenBodyIsExactly1MiBAndSigned_Returns200WithTheChallenge(bool chunked)
    {
        var body = PaddedUrlVerification(OneMiB);
        var (timestamp, signature) = Sign(SlackScenario.SigningSecret, body, NowSeconds);

        var answer = await SendRawAsync(host.Scenario, body, timestamp, signature, chunked);

        AssertChallengeEchoed(answer);
    }

    [Fact]
    public async Task Post_WhenSeveralAppsAndBodyNamesTheOtherApp_VerifiesWithThatAppsSecret()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scenario = await SlackVerificationHost.StartAsync(
            clock, new() { [$"integrations:slack:cloud:signingSecretsByAppIds:{OtherAppId}"] = OtherSecret });
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var otherBody = WithAppId(OtherAppId);
        var mainBody = WithAppId(SlackScenario.AppId);

        var other = await SendAsync(scenario, otherBody, OtherSecret, now);
        var otherSignedWithMain = await SendAsync(scenario, otherBody, SlackScenario.SigningSecret, now);
        var main = await SendAsync(scenario, mainBody, SlackScenario.SigningSecret, now);
        var mainSignedWithOther = await SendAsync(scenario, mainBody, OtherSecret, now);

        AssertChallengeEchoed(other);
        AssertRejected(otherSignedWithMain, OtherSecret);
        AssertChallengeEchoed(main);
        AssertRejected(mainSignedWithOther, OtherSecret);
    }

    [Fact]
    public async Task Post_WhenSeveralAppsAndBodyNamesAnUnknownApp_Returns401()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scenario = await SlackVerificationHost.StartAsync(
            clock, new() { [$"integrations:slack:cloud:signingSecretsByAppIds:{OtherAppId}"] = OtherSecret });
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var unknown = WithAppId("A0UNKNOWN9");

        var unknownWithMain = await SendAsync(scenario, unknown, SlackScenario.SigningSecret, now);
        var unknownWithOther = await SendAsync(scenario, unknown, OtherSecret, now);

        AssertRejected(unknownWithMain, OtherSecret);
        AssertRejected(unknownWithOther, OtherSecret);
    }

    [Fact]
    public async Task Post_WhenSeveralAppsAndSlacksOwnBodyNamesNoApp_VerifiesAgainstEverySecret()
    {
        // Slack sends url_verification (and ssl_check) without api_app_id: each configured app's URL must verify.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scenario = await SlackVerificationHost.StartAsync(
            clock, new() { [$"integrations:slack:cloud:signingSecretsByAppIds:{OtherAppId}"] = OtherSecret });
        var now = clock.GetUtcNow().ToUnixTimeSeconds();

        var noAppWithMain = await SendAsync(scenario, UrlVerification, SlackScenario.SigningSecret, now);
        var noAppWithOther = await SendAsync(scenario, UrlVerification, OtherSecret, now);
        var noAppWithForeign = await SendAsync(scenario, UrlVerification, "a-secret-of-no-app-of-ours", now);
        var sslCheckWithOther = await SendAsync(scenario, "token=legacy&ssl_check=1", OtherSecret, now, FormContentType);

        AssertChallengeEchoed(noAppWithMain);
        AssertChallengeEchoed(noAppWithOther);
        AssertRejected(noAppWithForeign, OtherSecret);
        Assert.Equal(HttpStatusCode.OK, sslCheckWithOther.Status);
    }

    [Fact]
    public async Task Post_WhenSeveralAppsAndInteractionFormNamesTheOtherApp_VerifiesWithThatAppsSecret()
    {
        // Interactivity bodies are forms: the app id is inside the URL-encoded 'payload' JSON (spaces as '+').
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scenario = await SlackVerificationHost.StartAsync(
            clock, new() { [$"integrations:slack:cloud:signingSecretsByAppIds:{OtherAppId}"] = OtherSecret });
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var payload = $$"""{"type": "block_actions", "api_app_id": "{{OtherAppId}}", "team": {"id": "T0AAA0001"}, "actions": []}""";
        var form = "payload=" + WebUtility.UrlEncode(payload);
        Assert.Contains("+", form, StringComparison.Ordinal);

        var withOther = await SendAsync(scenario, form, OtherSecret, now, FormContentType, InteractivityPath);
        var withMain = await SendAsync(scenario, form, SlackScenario.SigningSecret, now, FormContentType, InteractivityPath);

        Assert.True(withOther.Status == HttpStatusCode.OK, $"{(int)withOther.Status}: {withOther.Body}");
        AssertRejected(withMain, OtherSecret);
    }

    [Fact]
    public async Task Post_WhenNoSigningSecretConfigured_RejectsEveryRequestWith401()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scenario = await SlackVerificationHost.StartAsync(
            clock, new() { ["integrations:slack:cloud:appSigningSecret"] = "" });
        var now = clock.GetUtcNow().ToUnixTimeSeconds();

        var withFormerSecret = await SendAsync(scenario, UrlVerification, SlackScenario.SigningSecret, now);
        var withEmptySecret = await SendAsync(scenario, UrlVerification, "", now);
        var withAppId = await SendAsync(scenario, WithAppId(SlackScenario.AppId), "", now);
        var unsigned = await SendRawAsync(scenario, Encoding.UTF8.GetBytes(UrlVerification), timestamp: null, signature: null);

        AssertRejected(withFormerSecret);
        AssertRejected(withEmptySecret);
        AssertRejected(withAppId);
        AssertRejected(unsigned);
    }

    [Fact]
    public async Task Post_WhenSlackIsDisabled_Returns404()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scenario = await SlackVerificationHost.StartAsync(
            clock, new() { ["integrations:slack:cloud:disabled"] = "true" });

        var answer = await SendAsync(scenario, UrlVerification, SlackScenario.SigningSecret, clock.GetUtcNow().ToUnixTimeSeconds());

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        AssertNothingLeaked(answer);
    }

    private static string WithAppId(string appId) =>
        $$"""{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","team_id":"T0AAA0001","api_app_id":"{{appId}}","challenge":"{{Challenge}}","type":"url_verification"}""";

    /// <summary>The url_verification body padded with trailing spaces (still valid JSON) to exactly <paramref name="length"/> bytes.</summary>
    private static byte[] PaddedUrlVerification(int length)
    {
        var body = new byte[length];
        body.AsSpan().Fill((byte)' ');
        Encoding.UTF8.GetBytes(UrlVerification).CopyTo(body, 0);
        return body;
    }

    private static (string Timestamp, string Signature) Sign(string secret, byte[] body, long unixSeconds) =>
        SlackRequestSigner.Sign(secret, body, unixSeconds);

    /// <summary>An independent v0 signer: <c>v0=</c> + lowercase hex HMAC-SHA256(secret, <c>v0:{timestamp}:{body}</c>).</summary>
    private static string SignWithTimestampText(string secret, byte[] body, string timestamp) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes($"v0:{timestamp}:"), .. body]));

    private static Task<Answer> SendAsync(
        SlackScenario scenario, string body, string secret, long unixSeconds, string contentType = "application/json", string path = EventsPath)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var (timestamp, signature) = Sign(secret, bytes, unixSeconds);
        return SendRawAsync(scenario, bytes, timestamp, signature, contentType: contentType, path: path);
    }

    private static async Task<Answer> SendRawAsync(
        SlackScenario scenario, byte[] body, string? timestamp, string? signature, bool chunked = false, string contentType = "application/json", string path = EventsPath)
    {
        using var client = scenario.Host.CreateClient(apiKey: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = chunked ? new ChunkedContent(body) : new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new(contentType);
        if (timestamp is not null)
        {
            request.Headers.Add(SlackRequestSigner.TimestampHeader, timestamp);
        }

        if (signature is not null)
        {
            request.Headers.Add(SlackRequestSigner.SignatureHeader, signature);
        }

        if (chunked)
        {
            Assert.Null(request.Content.Headers.ContentLength);
        }

        return await ReadAsync(await client.SendAsync(request));
    }

    private static async Task<Answer> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        }
    }

    private static void AssertChallengeEchoed(Answer answer)
    {
        Assert.True(answer.Status == HttpStatusCode.OK, $"{(int)answer.Status}: {answer.Body}");
        Assert.Equal("application/json", answer.ContentType);
        var json = JsonNode.Parse(answer.Body)!.AsObject();
        Assert.Equal(Challenge, (string?)json["challenge"]);
        Assert.Single(json);
    }

    private static void AssertRejected(Answer answer, params string[] otherSecrets)
    {
        Assert.True(answer.Status == HttpStatusCode.Unauthorized, $"{(int)answer.Status}: {answer.Body}");
        Assert.Equal("application/problem+json", answer.ContentType);
        var problem = JsonNode.Parse(answer.Body)!.AsObject();
        Assert.Equal(401, (int?)problem["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        AssertNothingLeaked(answer, otherSecrets);
    }

    private static void AssertNothingLeaked(Answer answer, params string[] otherSecrets)
    {
        Assert.DoesNotContain(Challenge, answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackScenario.SigningSecret, answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(OtherSecret, answer.Body, StringComparison.Ordinal);
        foreach (var secret in otherSecrets)
        {
            Assert.DoesNotContain(secret, answer.Body, StringComparison.Ordinal);
        }
    }

    private sealed record Answer(HttpStatusCode Status, string? ContentType, string Body);
}
