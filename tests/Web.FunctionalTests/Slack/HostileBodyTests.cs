using System.Net;
using System.Net.Sockets;
using System.Text;
using CodeStream.Integrations.TestSupport.Hosting;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;
using CodeStream.Integrations.Web.FunctionalTests.Operability;
using CodeStream.Integrations.Web.FunctionalTests.SlackOAuth;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CodeStream.Integrations.Web.FunctionalTests.Slack;

/// <summary>
/// Bodies a hostile client sends, signed or not, to the Slack endpoints and the product API: never a 500, nothing
/// stored, memory and time bounded, and the log not flooded.
/// </summary>
public sealed class HostileBodyTests
{
    private const string EventsPath = "/no-auth/provider-action/slack-events";
    private const string InteractivityPath = "/no-auth/provider-action/slack";

    // {"type":"event_callback","event_id":"Ev1","x":"<C3 28>"}: a UTF-8 lead byte followed by a non-continuation byte.
    private static readonly byte[] InvalidUtf8Event = [.. "{\"type\":\"event_callback\",\"event_id\":\"EvBadUtf8\",\"x\":\""u8, 0xC3, 0x28, .. "\"}"u8];

    [Theory]
    [InlineData(true, HttpStatusCode.BadRequest)]
    [InlineData(false, HttpStatusCode.Unauthorized)]
    public async Task InvalidUtf8Event_SignedOrNot_IsRefusedWith4xxAndNothingStored(bool signed, HttpStatusCode expected)
    {
        await using var scenario = await SlackScenario.StartAsync();

        using var response = await PostBytesAsync(scenario, EventsPath, InvalidUtf8Event, "application/json", signed);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, response.StatusCode);
        if (signed)
        {
            Assert.Contains("not valid UTF-8", body, StringComparison.Ordinal);
        }

        Assert.Equal(0, await DatabaseInspector.CountAsync(scenario.Database, "work_items"));
    }

    [Theory]
    [InlineData(true, HttpStatusCode.BadRequest)]
    [InlineData(false, HttpStatusCode.Unauthorized)]
    public async Task InvalidUtf8Interaction_SignedOrNot_IsRefusedWith4xx(bool signed, HttpStatusCode expected)
    {
        await using var scenario = await SlackScenario.StartAsync();
        byte[] form = [.. "payload=%7B%22type%22%3A%22block_actions%22%7D&x="u8, 0xFF, 0xFE];

        using var response = await PostBytesAsync(scenario, InteractivityPath, form, "application/x-www-form-urlencoded", signed);

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(scenario.Slack.Calls);
    }

    [Fact]
    public async Task EscapedLoneSurrogate_InASignedEventOrInteraction_IsRefusedWith400()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var eventBody = "{\"type\":\"event_callback\",\"event_id\":\"\\ud800\",\"team_id\":\"T0AAA0001\",\"event\":{\"type\":\"message\",\"text\":\"\\udc00\"}}";
        var interaction = "payload=" + Uri.EscapeDataString("{\"type\":\"block_actions\",\"user\":{\"id\":\"\\ud800\"}}");

        using var signedEvent = await scenario.PostSignedAsync(EventsPath, eventBody);
        using var signedInteraction = await scenario.PostSignedAsync(InteractivityPath, interaction, "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, signedEvent.StatusCode);
        Assert.Contains("not valid text", await signedEvent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, signedInteraction.StatusCode);
        Assert.Equal(0, await DatabaseInspector.CountAsync(scenario.Database, "work_items"));
    }

    [Fact]
    public async Task ChunkedProductApiBody_Of2MiB_Returns413AndStoresNothing()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var body = Encoding.UTF8.GetBytes("{\"name\":\"" + new string('a', 2 * 1024 * 1024) + "\"}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/teams") { Content = new ChunkedContent(body) };
        request.Content.Headers.ContentType = new("application/json");

        using var response = await scenario.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 1048576 bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await DatabaseInspector.CountAsync(scenario.Database, "teams"));
    }

    [Theory]
    [InlineData(EventsPath)]
    [InlineData("/api/v1/teams")]
    public async Task TricklingBody_IsCutOffAtTheDeadlineWith408(string path)
    {
        await using var scenario = await SlackScenario.StartAsync(settings: new Dictionary<string, string?> { ["server:limits:requestBodyTimeoutSeconds"] = "1" });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, scenario.Host.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {TestHost.ApiKey}\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n{{";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        // One byte a second, as a slow-loris client sends, until the host answers.
        var answer = new byte[4096];
        var reading = stream.ReadAsync(answer).AsTask();
        for (var i = 0; i < 10 && !reading.IsCompleted; i++)
        {
            await Task.WhenAny(reading, Task.Delay(1000));
            if (!reading.IsCompleted)
            {
                await stream.WriteAsync("a"u8.ToArray());
            }
        }

        Assert.True(reading.IsCompleted, "the host was still waiting for the body after 10 s");
        var status = Encoding.ASCII.GetString(answer, 0, await reading);
        Assert.StartsWith("HTTP/1.1 408", status, StringComparison.Ordinal);
        Assert.Equal(0, await DatabaseInspector.CountAsync(scenario.Database, "work_items"));
    }

    [Fact]
    public async Task RefusedSignatures_AreLoggedOncePerMinuteWithACount()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new CapturingLoggerProvider();
        await using var scenario = await SlackScenario.StartAsync(
            configureServices: services => services.AddSingleton<TimeProvider>(clock), loggerProvider: logs);
        using var stranger = scenario.Host.CreateClient(apiKey: null);

        for (var i = 0; i < 30; i++)
        {
            using var refused = await stranger.PostAsync(EventsPath, new StringContent("{\"type\":\"url_verification\",\"challenge\":\"x\"}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.Single(Rejections(logs));
        clock.Advance(TimeSpan.FromSeconds(61));
        await SlackScenario.WaitUntilAsync(() => Rejections(logs).Count == 2, because: "the minute's summary line");
        Assert.Contains("Rejected 29 more Slack requests in the last minute (MissingHeaders: 29)", Rejections(logs)[1].Message, StringComparison.Ordinal);

        // A quiet minute ends the summaries; the next refusal is logged as it comes.
        clock.Advance(TimeSpan.FromSeconds(61));
        using (await stranger.PostAsync(EventsPath, new StringContent("{}", Encoding.UTF8, "application/json")))
        {
        }

        Assert.Equal(3, Rejections(logs).Count);
        Assert.Contains("Rejected a Slack request", Rejections(logs)[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerLimits_AreSetOnKestrelFromConfiguration()
    {
        await using var scenario = await SlackScenario.StartAsync(settings: new Dictionary<string, string?>
        {
            ["server:limits:maxConcurrentConnections"] = "123",
            ["server:limits:requestHeadersTimeoutSeconds"] = "7",
            ["server:limits:minRequestBodyDataRate"] = "512",
            ["server:limits:minRequestBodyGracePeriodSeconds"] = "3",
        });

        var limits = scenario.Host.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(123, limits.MaxConcurrentConnections);
        Assert.Equal(TimeSpan.FromSeconds(7), limits.RequestHeadersTimeout);
        Assert.Equal(512, limits.MinRequestBodyDataRate!.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(3), limits.MinRequestBodyDataRate.GracePeriod);
    }

    private static List<CapturedLog> Rejections(CapturingLoggerProvider logs) =>
        [.. logs.Entries.Where(e => e.Level == LogLevel.Warning && e.EventId.Id is 4000 or 4001)];

    private static async Task<HttpResponseMessage> PostBytesAsync(SlackScenario scenario, string path, byte[] body, string contentType, bool signed)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new(contentType);
        if (signed)
        {
            var (timestamp, signature) = SlackRequestSigner.Sign(SlackScenario.SigningSecret, body, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            request.Headers.Add(SlackRequestSigner.TimestampHeader, timestamp);
            request.Headers.Add(SlackRequestSigner.SignatureHeader, signature);
        }

        using var client = scenario.Host.CreateClient(apiKey: null);
        return await client.SendAsync(request);
    }
}
