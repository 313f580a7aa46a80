using System.Collections.Concurrent;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Infrastructure;
using CodeStream.Integrations.TestSupport.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CodeStream.Integrations.Web.FunctionalTests.Slack;

/// <summary>
/// The Slack Web API client (Refit + resilience) against the fake Slack over real HTTP, with time the tests move:
/// a 429 fails the call at once with its <c>Retry-After</c> and pauses that workspace's method, retries of 5xx are bounded, <c>ok:false</c> surfaces as typed errors, paging
/// collects every page, and the token travels only in the Authorization header.
/// </summary>
public sealed class SlackGatewayTests : IAsyncLifetime
{
    private const string Team = "T0AAA0001";
    private const string Ada = "U0BBB0002";
    private const string Grace = "U0CCC0003";
    private const string Linus = "U0EEE0005";
    private const string BotUser = "U0BOT0009";
    private const string Channel = "C0DDD0004";

    /// <summary><c>SlackWebApiRegistration.MaxRetries</c> (internal to Infrastructure).</summary>
    private const int MaxRetries = 3;

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<SentRequest> _sent = new();
    private readonly string _keysPath = Path.Combine(Path.GetTempPath(), "codestream-tests", "gateway-keys-" + Guid.NewGuid().ToString("N"));
    private FakeSlackServer _slack = null!;
    private ServiceProvider _provider = null!;
    private ISlackGateway _gateway = null!;
    private string _adaToken = null!;
    private string _botToken = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackServer.StartAsync(_time);
        _slack.AddWorkspace(Team, "Example Workspace", "example-workspace");
        _slack.AddUser(Team, Ada, "ada", "Ada Lovelace", "ada@example.com", "Europe/London");
        _slack.AddUser(Team, Grace, "grace", "Grace Hopper", "Grace.Hopper@example.com", "America/New_York");
        _slack.AddUser(Team, Linus, "linus", "Linus Torvalds", "linus@example.com");
        _slack.AddBot(Team, BotUser, "B0BOT0009", "A0CSAPP01");
        _slack.AddChannel(Team, Channel, "code-review", false, false, Ada, Grace, BotUser);
        _adaToken = _slack.IssueToken(
            Team,
            Ada,
            "channels:history,channels:read,channels:write,chat:write,groups:read,groups:write,im:read,im:write,mpim:read,mpim:write,users:read,users:read.email");
        _botToken = _slack.IssueToken(Team, BotUser, "chat:write,channels:history,channels:read,users:read", isBot: true);

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["integrations:slack:cloud:apiBaseUrl"] = _slack.ApiBaseUrl.ToString(),
                ["integrations:slack:cloud:appClientId"] = "1111.2222",
                ["integrations:slack:cloud:appClientSecret"] = "client-secret-7f3a9c",
                ["dataProtection:keysPath"] = _keysPath,
            })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_time)
            .AddInfrastructure(configuration);
        services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(() => new RecordingHandler(_sent)));
        _provider = services.BuildServiceProvider();
        _gateway = _provider.GetRequiredService<ISlackGateway>();
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _slack.DisposeAsync();
        if (Directory.Exists(_keysPath))
        {
            Directory.Delete(_keysPath, recursive: true);
        }
    }

    [Fact]
    public async Task GetUserInfo_WhenRateLimitedWithRetryAfter3_FailsAtOnceWithThatDelayAndPausesTheMethodUntilItPassed()
    {
        _slack.FailNext("users.info", SlackFault.RateLimited(3));

        var limited = await Assert.ThrowsAsync<SlackApiException>(() => _gateway.GetUserInfoAsync(_adaToken, Grace, CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(2));
        var stillPaused = await Assert.ThrowsAsync<SlackApiException>(() => _gateway.GetUserInfoAsync(_adaToken, Grace, CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(1.1));
        var profile = await _gateway.GetUserInfoAsync(_adaToken, Grace, CancellationToken.None);

        Assert.Equal("ratelimited", limited.Error);
        Assert.Equal(TimeSpan.FromSeconds(3), limited.RetryAfter);
        Assert.True(limited.IsTransient);
        Assert.Equal("ratelimited", stillPaused.Error);
        Assert.InRange(stillPaused.RetryAfter!.Value, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1.1));
        Assert.Equal("grace", profile.Name);
        var calls = _slack.CallsTo("users.info");
        Assert.Equal(2, calls.Count); // the paused call never reached Slack
        Assert.Equal(429, calls[0].StatusCode);
        Assert.True(calls[1].Succeeded);
    }

    [Fact]
    public async Task GetUserInfo_WhenRateLimited_IsNotRetriedInsideTheCall()
    {
        _slack.FailNext("users.info", SlackFault.RateLimited(1), times: 10);

        var exception = await Assert.ThrowsAsync<SlackApiException>(() => _gateway.GetUserInfoAsync(_adaToken, Grace, CancellationToken.None));

        Assert.Equal("ratelimited", exception.Error);
        Assert.Equal("users.info", exception.Method);
        Assert.False(exception.IsTokenRevoked);
        Assert.Single(_slack.CallsTo("users.info"));
        Assert.Equal(9, _slack.PendingFaults("users.info"));
    }

    [Fact]
    public async Task Calls_WhileOneWorkspaceMethodIsPaused_OtherMethodsAndOtherWorkspacesGoAhead()
    {
        _slack.AddWorkspace("T0ZZZ0009", "Other Workspace", "other-workspace");
        _slack.AddUser("T0ZZZ0009", "U0ZZZ0001", "zed", "Zed Zee", "zed@example.com");
        var otherToken = _slack.IssueToken("T0ZZZ0009", "U0ZZZ0001", "users:read,users:read.email");
        _slack.FailNext("users.info", SlackFault.RateLimited(30));
        await Assert.ThrowsAsync<SlackApiException>(() => _gateway.GetUserInfoAsync(_adaToken, Grace, CancellationToken.None));

        var conversations = await _gateway.ListUserConversationsAsync(_adaToken, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        var posted = await _gateway.PostMessageAsync(_botToken, Channel, new SlackMessageContent("hello"), null, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(20));
        var otherWorkspace = await _gateway.GetUserInfoAsync(otherToken, "U0ZZZ0001", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Contains(conversations, c => c.Id == Channel);
        Assert.Equal(Channel, posted.ChannelId);
        Assert.Equal("zed", otherWorkspace.Name);
    }

    [Fact]
    public async Task GetUserInfo_WhenServerErrorsTwiceThenSucceeds_SucceedsAfterRetries()
    {
        _slack.FailNext("users.info", SlackFault.ServerError(), times: 2);

        var call = _gateway.GetUserInfoAsync(_adaToken, Grace, CancellationToken.None);
        await WaitForCallsAsync("users.info", 1);
        await AdvanceUntilAsync(call);
        var profile = await call;

        Assert.Equal("grace", profile.Name);
        var calls = _slack.CallsTo("users.info");
        Assert.Equal([500, 500, 200], calls.Select(c => c.StatusCode ?? 0));
        Assert.Equal(0, _slack.PendingFaults("users.info"));
    }

    [Fact]
    public async Task GetUserInfo_WhenServerErrorsEveryTime_FailsAsUnavailableAfterMaxRetriesPlusOneCalls()
    {
        _slack.FailNext("users.info", SlackFault.ServerError(), times: 10);

        var call = _gateway.GetUserInfoAsync(_adaToken, Grace, CancellationToken.None);
        await WaitForCallsAsync("users.info", 1);
        await AdvanceUntilAsync(call);

        var exception = await Assert.ThrowsAsync<SlackApiException>(() => call);
        Assert.Equal(SlackApiException.Unavailable, exception.Error);
        Assert.Equal(MaxRetries + 1, _slack.CallsTo("users.info").Count);
    }

    [Fact]
    public async Task GetUserInfo_WhenFirstAttemptHangs_TimesOutAfter10SecondsAndRetries()
    {
        _slack.FailNext("users.info", SlackFault.Hang());

        var call = _gateway.GetUserInfoAsync(_adaToken, Grace, CancellationToken.None);
        await WaitForCallsAsync("users.info", 1);
        _time.Advance(TimeSpan.FromSeconds(9.5));
        await Task.Delay(250);
        var callsBeforeTimeout = _slack.CallsTo("users.info").Count;
        await AdvanceUntilAsync(call, () => _slack.CallsTo("users.info").Count >= 2);
        var profile = await call;

        Assert.Equal(1, callsBeforeTimeout);
        Assert.Equal("grace", profile.Name);
        var calls = _slack.CallsTo("users.info");
        Assert.Equal(2, calls.Count);
        Assert.Null(calls[0].StatusCode);
        Assert.True(calls[1].ReceivedAt - calls[0].ReceivedAt >= TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task PostMessage_WhenChannelDoesNotExist_ThrowsChannelNotFound()
    {
        var exception = await Assert.ThrowsAsync<SlackApiException>(
            () => _gateway.PostMessageAsync(_botToken, "C0NOPE999", new SlackMessageContent("hello"), null, CancellationToken.None));

        Assert.Equal("channel_not_found", exception.Error);
        Assert.Equal("chat.postMessage", exception.Method);
        Assert.Null(exception.NeededScope);
        Assert.False(exception.IsTokenRevoked);
        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task PostMessage_WhenTokenLacksChatWrite_ThrowsMissingScopeWithNeededScope()
    {
        var readOnly = _slack.IssueToken(Team, BotUser, "channels:read,users:read", isBot: true);

        var exception = await Assert.ThrowsAsync<SlackApiException>(
            () => _gateway.PostMessageAsync(readOnly, Channel, new SlackMessageContent("hello"), null, CancellationToken.None));

        Assert.Equal("missing_scope", exception.Error);
        Assert.Equal("chat:write", exception.NeededScope);
        Assert.False(exception.IsTokenRevoked);
        Assert.Empty(_slack.Messages(Channel));
    }

    [Fact]
    public async Task Call_WhenTokenIsUnknown_ThrowsInvalidAuthThatIsTokenRevoked()
    {
        var exception = await Assert.ThrowsAsync<SlackApiException>(
            () => _gateway.GetUserInfoAsync("xoxp-0000-0000-unknown", Grace, CancellationToken.None));

        Assert.Equal("invalid_auth", exception.Error);
        Assert.True(exception.IsTokenRevoked);
        Assert.Single(_slack.CallsTo("users.info"));
    }

    [Fact]
    public async Task GetUserInfo_WhenTokenWasRevoked_ThrowsTokenRevoked()
    {
        _slack.RevokeToken(_adaToken);

        var exception = await Assert.ThrowsAsync<SlackApiException>(
            () => _gateway.GetUserInfoAsync(_adaToken, Grace, CancellationToken.None));

        Assert.Equal("token_revoked", exception.Error);
        Assert.True(exception.IsTokenRevoked);
    }

    [Fact]
    public async Task GetUserInfo_WhenSlackAnswersOkFalse_DoesNotRetry()
    {
        _slack.FailNext("users.info", SlackFault.Error("internal_error"));

        var exception = await Assert.ThrowsAsync<SlackApiException>(
            () => _gateway.GetUserInfoAsync(_adaToken, Grace, CancellationToken.None));

        Assert.Equal("internal_error", exception.Error);
        Assert.Single(_slack.CallsTo("users.info"));
    }

    [Fact]
    public async Task InviteToChannel_WhenUserIsAlreadyInChannel_Succeeds()
    {
        await _gateway.InviteToChannelAsync(_adaToken, Channel, [Grace], CancellationToken.None);

        var call = Assert.Single(_slack.CallsTo("conversations.invite"));
        Assert.Equal("already_in_channel", call.Error);
        Assert.Equal([Ada, Grace, BotUser], _slack.ChannelMembers(Channel));
    }

    [Fact]
    public async Task InviteToChannel_WhenUserIsNotInChannel_AddsThem()
    {
        await _gateway.InviteToChannelAsync(_adaToken, Channel, [Linus], CancellationToken.None);

        Assert.Contains(Linus, _slack.ChannelMembers(Channel));
        Assert.True(Assert.Single(_slack.CallsTo("conversations.invite")).Succeeded);
    }

    [Fact]
    public async Task ListUserConversations_WhenMoreThanOnePage_CollectsEveryPage()
    {
        var expected = new List<string> { Channel };
        for (var i = 0; i < 450; i++)
        {
            var id = $"C1{i:D7}";
            _slack.AddChannel(Team, id, $"channel-{i}", i % 150 == 7, false, Ada);
            expected.Add(id);
        }

        for (var i = 0; i < 5; i++)
        {
            _slack.AddChannel(Team, $"C2{i:D7}", $"archived-{i}", false, true, Ada);
        }

        _slack.AddChannel(Team, "C3NOTADA1", "not-ada", Grace);

        var conversations = await _gateway.ListUserConversationsAsync(_adaToken, CancellationToken.None);

        Assert.Equal(expected, conversations.Select(c => c.Id));
        Assert.Equal(3, conversations.Count(c => c.IsPrivate));
        Assert.DoesNotContain(conversations, c => c.IsArchived);
        var calls = _slack.CallsTo("users.conversations");
        Assert.Equal(3, calls.Count); // 451 at 200 a page
        Assert.All(calls, c => Assert.Equal("200", c.Arg("limit")));
        Assert.All(calls, c => Assert.True(c.Succeeded));
        Assert.Null(calls[0].Arg("cursor"));
        Assert.NotNull(calls[1].Arg("cursor"));
        Assert.NotEqual(calls[1].Arg("cursor"), calls[2].Arg("cursor"));
    }

    [Fact]
    public async Task Calls_WhenMade_CarryTheTokenOnlyInTheAuthorizationHeader()
    {
        await _gateway.GetPermalinkAsync(_adaToken, Channel, _slack.AddMessage(Channel, Ada, "a message"), CancellationToken.None);
        await _gateway.GetUserInfoAsync(_adaToken, Grace, CancellationToken.None);
        await _gateway.PostMessageAsync(_adaToken, Channel, new SlackMessageContent("hello"), null, CancellationToken.None);
        await _gateway.ListUserConversationsAsync(_adaToken, CancellationToken.None);
        await _gateway.InviteToChannelAsync(_adaToken, Channel, [Linus], CancellationToken.None);

        var requests = _sent.ToArray();
        Assert.Equal(5, requests.Length);
        Assert.All(requests, r =>
        {
            Assert.DoesNotContain(_adaToken, r.Uri.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(_adaToken), r.Uri.ToString(), StringComparison.Ordinal);
            Assert.Equal("", r.Uri.Query);
            Assert.Equal($"Bearer {_adaToken}", r.Authorization);
        });

        var calls = _slack.Calls;
        Assert.Equal(5, calls.Count);
        Assert.All(calls, c =>
        {
            Assert.True(c.Succeeded, $"{c.Method}: {c.ResponseBody}");
            Assert.Equal(_adaToken, c.Token);
            Assert.False(c.Args.ContainsKey("token"), c.Method);
            Assert.DoesNotContain(c.Args.Values, v => v.Contains(_adaToken, StringComparison.Ordinal));
            Assert.DoesNotContain(_adaToken, c.RawBody, StringComparison.Ordinal);
        });
    }

    /// <summary>Waits in real time (time not moving) until the fake has recorded <paramref name="count"/> calls of the method.</summary>
    private async Task WaitForCallsAsync(string method, int count)
    {
        for (var i = 0; i < 400 && _slack.CallsTo(method).Count < count; i++)
        {
            await Task.Delay(25);
        }

        Assert.True(_slack.CallsTo(method).Count >= count, $"{method} was not called {count} time(s) within 10 s");
    }

    /// <summary>
    /// Moves fake time in small steps until <paramref name="task"/> completes, or until <paramref name="stopAdvancing"/>
    /// holds (then waits in real time), so a request in flight is never overtaken by its own attempt timeout.
    /// </summary>
    private async Task AdvanceUntilAsync(Task task, Func<bool>? stopAdvancing = null)
    {
        for (var i = 0; i < 2000 && !task.IsCompleted; i++)
        {
            if (stopAdvancing?.Invoke() == true)
            {
                break;
            }

            _time.Advance(Step);
            await Task.Delay(5);
        }

        await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(task.IsCompleted, "the call did not complete");
    }

    private sealed record SentRequest(Uri Uri, string? Authorization);

    /// <summary>Records each request as it leaves the client (before the retry pipeline).</summary>
    private sealed class RecordingHandler(ConcurrentQueue<SentRequest> sent) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Enqueue(new SentRequest(request.RequestUri!, request.Headers.Authorization?.ToString()));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
