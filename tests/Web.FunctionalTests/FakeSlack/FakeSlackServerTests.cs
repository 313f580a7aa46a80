using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CodeStream.Integrations.TestSupport.Slack;

namespace CodeStream.Integrations.Web.FunctionalTests.FakeSlack;

/// <summary>The fake Slack answers over real HTTP like slack.com: shapes, errors, state, paging, faults and OAuth.</summary>
public sealed partial class FakeSlackServerTests : IAsyncLifetime
{
    private const string Team = "T0AAA0001";
    private const string Ada = "U0BBB0002";
    private const string Grace = "U0CCC0003";
    private const string Linus = "U0EEE0005";
    private const string BotUser = "U0BOT0009";
    private const string Channel = "C0DDD0004";

    private FakeSlackServer _slack = null!;
    private HttpClient _http = null!;
    private string _botToken = null!;
    private string _adaToken = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackServer.StartAsync();
        _http = new HttpClient { BaseAddress = _slack.ApiBaseUrl };
        _slack.AddWorkspace(Team, "Example Workspace", "example-workspace");
        _slack.AddUser(Team, Ada, "ada", "Ada Lovelace", "ada@example.com", "Europe/London");
        _slack.AddUser(Team, Grace, "grace", "Grace Hopper", "Grace.Hopper@example.com", "America/New_York");
        _slack.AddUser(Team, Linus, "linus", "Linus Torvalds", "linus@example.com");
        _slack.AddBot(Team, BotUser, "B0BOT0009", "A0CSAPP01");
        _slack.AddChannel(Team, Channel, "code-review", false, false, Ada, Grace, BotUser);
        _botToken = _slack.IssueToken(Team, BotUser, "chat:write,chat:write.customize,channels:history,channels:read,groups:read,users:read", isBot: true);
        _adaToken = _slack.IssueToken(Team, Ada, "chat:write,channels:write,im:write,mpim:write,users.profile:write,users:read,users:read.email");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task PostMessage_ThenReplies_ReturnTheThreadInOrderAndPermalinksPointAtIt()
    {
        var blocks = """[{"type":"section","text":{"type":"mrkdwn","text":"*Ada* shared a codemark"}}]""";
        var (_, root) = await CallAsync("chat.postMessage", _botToken, ("channel", Channel), ("text", "Ada shared a codemark"), ("blocks", blocks), ("username", "Ada Lovelace"));
        var rootTs = (string)root["ts"]!;
        var graceReply = _slack.AddMessage(Channel, Grace, "Good catch", threadTs: rootTs);
        var (_, reply) = await CallAsync("chat.postMessage", _botToken, ("channel", Channel), ("text", "Agreed"), ("thread_ts", rootTs));

        Assert.True((bool)root["ok"]!);
        Assert.Equal(Channel, (string)root["channel"]!);
        Assert.Matches(TsPattern(), rootTs);
        Assert.Equal("bot_message", (string)root["message"]!["subtype"]!);
        Assert.Equal("B0BOT0009", (string)root["message"]!["bot_id"]!);
        Assert.True(string.CompareOrdinal(rootTs, graceReply) < 0 && string.CompareOrdinal(graceReply, (string)reply["ts"]!) < 0);

        var (_, replies) = await CallAsync("conversations.replies", _botToken, ("channel", Channel), ("ts", rootTs));
        var messages = replies["messages"]!.AsArray();
        Assert.Equal([rootTs, graceReply, (string)reply["ts"]!], messages.Select(m => (string)m!["ts"]!));
        Assert.Equal(2, (int)messages[0]!["reply_count"]!);
        Assert.Equal(rootTs, (string)messages[2]!["thread_ts"]!);
        Assert.False((bool)replies["has_more"]!);

        var (_, link) = await CallAsync("chat.getPermalink", _botToken, ("channel", Channel), ("message_ts", rootTs));
        Assert.Equal($"https://example-workspace.slack.com/archives/{Channel}/p{rootTs.Replace(".", "", StringComparison.Ordinal)}", (string)link["permalink"]!);

        var stored = _slack.Messages(Channel);
        Assert.Equal(3, stored.Count);
        Assert.Equal(JsonNode.Parse(blocks)!.ToJsonString(), stored[0].BlocksJson);
        Assert.Equal(BotUser, stored[0].UserId);
        Assert.Equal("Ada Lovelace", stored[0].Username);
        Assert.Equal(rootTs, stored[2].ThreadTs);
    }

    [Fact]
    public async Task PostMessage_AcceptsJsonBodiesWithBlocksAsAnArray()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat.postMessage")
        {
            Content = JsonContent.Create(new { channel = Channel, blocks = new[] { new { type = "divider" } }, unfurl_links = false }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _botToken);
        using var response = await _http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.True((bool)body["ok"]!, body.ToJsonString());
        var message = Assert.Single(_slack.Messages(Channel));
        Assert.Equal("""[{"type":"divider"}]""", message.BlocksJson);
        Assert.False(message.UnfurlLinks);
        Assert.Equal("false", _slack.CallsTo("chat.postMessage").Single().Arg("unfurl_links"));
    }

    [Fact]
    public async Task PostMessage_WhenTheBotIsNotAMember_AnswersNotInChannelLikeSlack()
    {
        _slack.AddChannel(Team, "C0NOTMEMB", "elsewhere", Ada);
        _slack.AddChannel(Team, "C0NOBODY", "empty");

        var (status, raw) = await CallRawAsync("chat.postMessage", _botToken, ("channel", "C0NOTMEMB"), ("text", "hi"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"ok":false,"error":"not_in_channel"}""", raw);
        Assert.Empty(_slack.Messages("C0NOTMEMB"));
    }

    [Theory]
    [InlineData("C0MISSING", "hi", "channel_not_found")]
    [InlineData(Channel, "", "no_text")]
    [InlineData("C0ARCHIVE", "hi", "is_archived")]
    public async Task PostMessage_WithBadArguments_AnswersSlacksErrorCodes(string channel, string text, string error)
    {
        _slack.AddChannel(Team, "C0ARCHIVE", "old", false, true, BotUser);

        var (_, body) = await CallAsync("chat.postMessage", _botToken, ("channel", channel), ("text", text));

        Assert.Equal(error, (string)body["error"]!);
    }

    [Fact]
    public async Task MethodsNeedingAScopeTheTokenLacks_AnswerMissingScopeWithNeededAndProvided()
    {
        var token = _slack.IssueToken(Team, BotUser, "chat:write", isBot: true);

        var (_, body) = await CallAsync("users.info", token, ("user", Grace));

        Assert.False((bool)body["ok"]!);
        Assert.Equal("missing_scope", (string)body["error"]!);
        Assert.Equal("users:read", (string)body["needed"]!);
        Assert.Equal("chat:write", (string)body["provided"]!);
    }

    [Fact]
    public async Task UsersInfo_ShowsTheEmailOnlyWithUsersReadEmail()
    {
        var (_, withoutEmail) = await CallAsync("users.info", _botToken, ("user", Grace));
        var (_, withEmail) = await CallAsync("users.info", _adaToken, ("user", Grace));
        var (_, lookedUp) = await CallAsync("users.lookupByEmail", _adaToken, ("email", "grace.hopper@example.com"));
        var (_, unknown) = await CallAsync("users.lookupByEmail", _adaToken, ("email", "nobody@example.com"));

        Assert.Equal("Grace Hopper", (string)withoutEmail["user"]!["real_name"]!);
        Assert.Null(withoutEmail["user"]!["profile"]!["email"]);
        Assert.Equal("Grace.Hopper@example.com", (string)withEmail["user"]!["profile"]!["email"]!);
        Assert.Equal("America/New_York", (string)withEmail["user"]!["tz"]!);
        Assert.Equal(Grace, (string)lookedUp["user"]!["id"]!);
        Assert.Equal("users_not_found", (string)unknown["error"]!);
    }

    [Fact]
    public async Task Tokens_AreAuthenticatedLikeSlack()
    {
        var (_, unknown) = await CallAsync("auth.test", "xoxb-unknown");
        var (_, none) = await CallAsync("auth.test", null);
        var (_, fromArg) = await CallAsync("auth.test", null, ("token", _botToken));
        _slack.RevokeToken(_adaToken);
        var (_, revoked) = await CallAsync("auth.test", _adaToken);

        Assert.Equal("invalid_auth", (string)unknown["error"]!);
        Assert.Equal("not_authed", (string)none["error"]!);
        Assert.Equal(BotUser, (string)fromArg["user_id"]!);
        Assert.Equal("B0BOT0009", (string)fromArg["bot_id"]!);
        Assert.Equal("https://example-workspace.slack.com/", (string)fromArg["url"]!);
        Assert.Equal("token_revoked", (string)revoked["error"]!);
    }

    [Fact]
    public async Task UsersConversations_PagesWithCursorsUntilTheLastPage()
    {
        for (var i = 1; i <= 4; i++)
        {
            _slack.AddChannel(Team, $"C0PAGE000{i}", $"page-{i}", false, false, BotUser);
        }

        _slack.AddChannel(Team, "C0ARCHIVED", "archived", false, true, BotUser);
        _slack.AddChannel(Team, "G0PRIVATE", "secret", true, false, BotUser);

        var seen = new List<string>();
        var cursors = new List<string>();
        string? cursor = null;
        do
        {
            var args = new List<(string, string)> { ("types", "public_channel,private_channel"), ("exclude_archived", "true"), ("limit", "2") };
            if (cursor is not null)
            {
                args.Add(("cursor", cursor));
            }

            var (_, page) = await CallAsync("users.conversations", _botToken, [.. args]);
            Assert.True((bool)page["ok"]!, page.ToJsonString());
            seen.AddRange(page["channels"]!.AsArray().Select(c => (string)c!["id"]!));
            cursor = (string)page["response_metadata"]!["next_cursor"]!;
            cursors.Add(cursor);
        }
        while (cursor.Length > 0);

        Assert.Equal([Channel, "C0PAGE0001", "C0PAGE0002", "C0PAGE0003", "C0PAGE0004", "G0PRIVATE"], seen);
        Assert.Equal(3, cursors.Count);
        Assert.Equal("", cursors[^1]);

        var (_, bad) = await CallAsync("users.conversations", _botToken, ("cursor", "bm9wZQ=="));
        Assert.Equal("invalid_cursor", (string)bad["error"]!);
        var (_, noScope) = await CallAsync("users.conversations", _botToken, ("types", "im"));
        Assert.Equal("im:read", (string)noScope["needed"]!);
    }

    [Fact]
    public async Task RateLimitedFault_Answers429WithRetryAfter_ThenTheNextCallSucceeds()
    {
        _slack.FailNext("chat.postMessage", SlackFault.RateLimited(3));

        using var limited = await PostFormAsync("chat.postMessage", _botToken, ("channel", Channel), ("text", "hi"));
        var (_, next) = await CallAsync("chat.postMessage", _botToken, ("channel", Channel), ("text", "hi"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), limited.Headers.RetryAfter!.Delta);
        Assert.Equal("""{"ok":false,"error":"ratelimited"}""", await limited.Content.ReadAsStringAsync());
        Assert.True((bool)next["ok"]!);
        Assert.Single(_slack.Messages(Channel));
        var calls = _slack.CallsTo("chat.postMessage");
        Assert.Equal([true, false], calls.Select(c => c.HitFault));
        Assert.Equal(429, calls[0].StatusCode);
        Assert.Equal(_botToken, calls[1].Token);
    }

    [Fact]
    public async Task ServerErrorAndErrorFaults_AreConsumedInOrder()
    {
        _slack.FailNext("auth.test", SlackFault.ServerError());
        _slack.FailNext("auth.test", SlackFault.Error("fatal_error"), times: 2);

        using var first = await PostFormAsync("auth.test", _botToken);
        var (_, second) = await CallAsync("auth.test", _botToken);
        var (_, third) = await CallAsync("auth.test", _botToken);
        var (_, fourth) = await CallAsync("auth.test", _botToken);

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal("fatal_error", (string)second["error"]!);
        Assert.Equal("fatal_error", (string)third["error"]!);
        Assert.True((bool)fourth["ok"]!);
        Assert.Equal(0, _slack.PendingFaults("auth.test"));
    }

    [Fact]
    public async Task HangFault_NeverAnswersUntilTheClientGivesUp()
    {
        _slack.FailNext("chat.postMessage", SlackFault.Hang());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            PostFormAsync("chat.postMessage", _botToken, timeout.Token, ("channel", Channel), ("text", "hi")));

        var call = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Equal(SlackFaultKind.Hang, call.Fault!.Kind);
        Assert.Null(call.StatusCode);
        Assert.Empty(_slack.Messages(Channel));
    }

    [Fact]
    public async Task HangFault_IsAbortedWhenTheServerIsDisposed()
    {
        _slack.FailNext("auth.test", SlackFault.Hang());
        var pending = PostFormAsync("auth.test", _botToken);
        while (_slack.CallsTo("auth.test").Count == 0)
        {
            await Task.Delay(10);
        }

        var disposing = _slack.DisposeAsync().AsTask();

        await Assert.ThrowsAsync<HttpRequestException>(() => pending);
        Assert.Same(disposing, await Task.WhenAny(disposing, Task.Delay(TimeSpan.FromSeconds(5))));
    }

    [Fact]
    public async Task Arguments_MayComeFromTheQueryString()
    {
        using var response = await _http.GetAsync($"users.info?user={Grace}&token={_botToken}");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(Grace, (string)body["user"]!["id"]!);
        Assert.Equal(_botToken, _slack.CallsTo("users.info").Single().Token);
    }

    [Fact]
    public async Task RotatedTokens_ExpireWithTheClock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2025-11-23T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var timed = await FakeSlackServer.StartAsync(clock);
        using var client = new HttpClient { BaseAddress = timed.ApiBaseUrl };
        timed.AddWorkspace(Team, "Example Workspace", "example-workspace");
        timed.AddUser(Team, Ada, "ada", "Ada Lovelace", "ada@example.com");
        timed.AddBot(Team, BotUser, "B0BOT0009", "A0CSAPP01");
        var code = timed.IssueOAuthCode(new OAuthCodeGrant(Team, "1.2", "s", BotUser, Ada) { TokenRotation = true, ExpiresInSeconds = 60 });
        using var exchange = await client.PostAsync("oauth.v2.access", new FormUrlEncodedContent(
            [KeyValuePair.Create("client_id", "1.2"), KeyValuePair.Create("client_secret", "s"), KeyValuePair.Create("code", code)]));
        var token = (string)JsonNode.Parse(await exchange.Content.ReadAsStringAsync())!["access_token"]!;

        clock.Advance(TimeSpan.FromSeconds(59));
        using var before = await client.PostAsync($"auth.test?token={token}", null);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var after = await client.PostAsync($"auth.test?token={token}", null);

        Assert.Contains("\"ok\":true", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("""{"ok":false,"error":"token_expired"}""", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OAuthCode_ExchangesOnceForFixtureShapedTokens()
    {
        var code = _slack.IssueOAuthCode(new OAuthCodeGrant(Team, "111.222", "s3cret", BotUser, Ada));

        using var first = await ExchangeWithBasicAsync(code, "111.222", "s3cret");
        var body = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var (_, again) = await CallAsync("oauth.v2.access", null, ("client_id", "111.222"), ("client_secret", "s3cret"), ("code", code));

        Assert.True((bool)body["ok"]!, body.ToJsonString());
        Assert.StartsWith("xoxb-", (string)body["access_token"]!, StringComparison.Ordinal);
        Assert.Equal("bot", (string)body["token_type"]!);
        Assert.Equal(BotUser, (string)body["bot_user_id"]!);
        Assert.Equal("A0CSAPP01", (string)body["app_id"]!);
        Assert.Equal(Team, (string)body["team"]!["id"]!);
        Assert.Equal("Example Workspace", (string)body["team"]!["name"]!);
        Assert.Contains("chat:write", (string)body["scope"]!, StringComparison.Ordinal);
        Assert.Equal(Ada, (string)body["authed_user"]!["id"]!);
        Assert.StartsWith("xoxp-", (string)body["authed_user"]!["access_token"]!, StringComparison.Ordinal);
        Assert.Null(body["refresh_token"]);
        Assert.Equal("invalid_code", (string)again["error"]!);

        var (_, who) = await CallAsync("auth.test", (string)body["access_token"]!);
        Assert.Equal(BotUser, (string)who["user_id"]!);

        var (_, badSecret) = await CallAsync("oauth.v2.access", null, ("client_id", "111.222"), ("client_secret", "nope"), ("code", code));
        Assert.Equal("bad_client_secret", (string)badSecret["error"]!);
    }

    [Fact]
    public async Task OAuthTokenRotation_RefreshIssuesNewTokensAndRetiresTheOld()
    {
        var code = _slack.IssueOAuthCode(new OAuthCodeGrant(Team, "111.222", "s3cret", BotUser, Ada) { TokenRotation = true });
        var (_, installed) = await CallAsync("oauth.v2.access", null, ("client_id", "111.222"), ("client_secret", "s3cret"), ("code", code));
        var oldToken = (string)installed["access_token"]!;
        var refreshToken = (string)installed["refresh_token"]!;

        var (_, refreshed) = await CallAsync(
            "oauth.v2.access", null, ("client_id", "111.222"), ("client_secret", "s3cret"), ("grant_type", "refresh_token"), ("refresh_token", refreshToken));
        var (_, oldUse) = await CallAsync("auth.test", oldToken);
        var (_, newUse) = await CallAsync("auth.test", (string)refreshed["access_token"]!);
        var (_, reused) = await CallAsync(
            "oauth.v2.access", null, ("client_id", "111.222"), ("client_secret", "s3cret"), ("grant_type", "refresh_token"), ("refresh_token", refreshToken));

        Assert.Equal(43200, (int)installed["expires_in"]!);
        Assert.StartsWith("xoxe.xoxb-", oldToken, StringComparison.Ordinal);
        Assert.StartsWith("xoxe-1-", refreshToken, StringComparison.Ordinal);
        Assert.NotNull(installed["authed_user"]!["refresh_token"]);
        Assert.True((bool)refreshed["ok"]!, refreshed.ToJsonString());
        Assert.NotEqual(oldToken, (string)refreshed["access_token"]!);
        Assert.NotEqual(refreshToken, (string)refreshed["refresh_token"]!);
        Assert.Equal("token_expired", (string)oldUse["error"]!);
        Assert.True((bool)newUse["ok"]!);
        Assert.Equal("invalid_refresh_token", (string)reused["error"]!);
    }

    [Fact]
    public async Task UpdateAndDelete_OnlyTouchTheCallersOwnMessages()
    {
        var (_, posted) = await CallAsync("chat.postMessage", _botToken, ("channel", Channel), ("text", "v1"));
        var ts = (string)posted["ts"]!;
        var gracesTs = _slack.AddMessage(Channel, Grace, "mine");

        var (_, updated) = await CallAsync("chat.update", _botToken, ("channel", Channel), ("ts", ts), ("text", "v2"));
        var (_, notOwn) = await CallAsync("chat.update", _botToken, ("channel", Channel), ("ts", gracesTs), ("text", "x"));
        var (_, missing) = await CallAsync("chat.delete", _botToken, ("channel", Channel), ("ts", "1.000001"));
        Assert.Equal("v2", _slack.Messages(Channel)[0].Text);
        var (_, deleted) = await CallAsync("chat.delete", _botToken, ("channel", Channel), ("ts", ts));

        Assert.Equal("v2", (string)updated["text"]!);
        Assert.NotNull(updated["message"]!["edited"]);
        Assert.Equal("cant_update_message", (string)notOwn["error"]!);
        Assert.Equal("message_not_found", (string)missing["error"]!);
        Assert.True((bool)deleted["ok"]!);
        Assert.Equal([gracesTs], _slack.Messages(Channel).Select(m => m.Ts));
    }

    [Fact]
    public async Task ConversationsInviteAndOpen_ChangeMembership()
    {
        var (_, invited) = await CallAsync("conversations.invite", _adaToken, ("channel", Channel), ("users", Linus));
        var (_, again) = await CallAsync("conversations.invite", _adaToken, ("channel", Channel), ("users", Linus));
        var (_, im) = await CallAsync("conversations.open", _adaToken, ("users", Grace));
        var (_, mpim) = await CallAsync("conversations.open", _adaToken, ("users", $"{Grace},{Linus}"));
        var (_, sameMpim) = await CallAsync("conversations.open", _adaToken, ("users", $"{Linus},{Grace}"));

        Assert.True((bool)invited["ok"]!, invited.ToJsonString());
        Assert.Contains(Linus, _slack.ChannelMembers(Channel));
        Assert.Equal("already_in_channel", (string)again["error"]!);
        Assert.StartsWith("D", (string)im["channel"]!["id"]!, StringComparison.Ordinal);
        var mpimId = (string)mpim["channel"]!["id"]!;
        Assert.StartsWith("G", mpimId, StringComparison.Ordinal);
        Assert.Equal(mpimId, (string)sameMpim["channel"]!["id"]!);
        Assert.True((bool)sameMpim["already_open"]!);
        Assert.Equal([Ada, Grace, Linus], _slack.ChannelMembers(mpimId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ProfileSet_StoresTheStatus()
    {
        var profile = """{"status_text":"Reviewing code","status_emoji":":eyes:","status_expiration":0}""";

        var (_, body) = await CallAsync("users.profile.set", _adaToken, ("profile", profile));
        var (_, asBot) = await CallAsync("users.profile.set", _botToken, ("profile", profile));

        Assert.True((bool)body["ok"]!, body.ToJsonString());
        Assert.Equal(":eyes:", (string)body["profile"]!["status_emoji"]!);
        Assert.Equal(new SlackUserStatus("Reviewing code", ":eyes:", 0), _slack.UserStatus(Ada));
        Assert.Equal("missing_scope", (string)asBot["error"]!);
    }

    [Fact]
    public async Task ViewsOpen_ExchangesATriggerOnce()
    {
        _slack.RegisterTrigger("123.456.abc");
        _slack.RegisterTrigger("123.456.old", expired: true);
        var view = """{"type":"modal","callback_id":"share","title":{"type":"plain_text","text":"Share"},"blocks":[]}""";

        var (_, opened) = await CallAsync("views.open", _botToken, ("trigger_id", "123.456.abc"), ("view", view));
        var (_, reused) = await CallAsync("views.open", _botToken, ("trigger_id", "123.456.abc"), ("view", view));
        var (_, expired) = await CallAsync("views.open", _botToken, ("trigger_id", "123.456.old"), ("view", view));

        Assert.True((bool)opened["ok"]!, opened.ToJsonString());
        Assert.StartsWith("V", (string)opened["view"]!["id"]!, StringComparison.Ordinal);
        Assert.Equal("share", (string)opened["view"]!["callback_id"]!);
        Assert.Equal("exchanged_trigger_id", (string)reused["error"]!);
        Assert.Equal("expired_trigger_id", (string)expired["error"]!);
        var recorded = Assert.Single(_slack.OpenedViews);
        Assert.Equal("share", recorded.CallbackId);
        Assert.Equal("123.456.abc", recorded.TriggerId);
    }

    [Fact]
    public async Task ResponseUrl_RecordsJsonPosts()
    {
        var url = _slack.NewResponseUrl();

        using var response = await _http.PostAsync(url, new StringContent("""{"text":"done","replace_original":true}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(_slack.ResponseUrlBase.ToString(), url.ToString(), StringComparison.Ordinal);
        var post = Assert.Single(_slack.ResponseUrlPosts(url));
        Assert.Equal("done", (string)post.ParseJson()["text"]!);
    }

    [Fact]
    public void Signer_MatchesSlacksDocumentedExample()
    {
        const string body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

        var (timestamp, signature) = SlackRequestSigner.Sign("8f742231b10e8888abcd99yyyzzz85a5", body, 1531420618);
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://localhost/slack/commands");
        SlackRequestSigner.Apply(request, "8f742231b10e8888abcd99yyyzzz85a5", body, DateTimeOffset.FromUnixTimeSeconds(1531420618));

        Assert.Equal("1531420618", timestamp);
        Assert.Equal("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", signature);
        Assert.Equal(signature, request.Headers.GetValues("X-Slack-Signature").Single());
        Assert.Equal("1531420618", request.Headers.GetValues("X-Slack-Request-Timestamp").Single());
        Assert.Equal("application/x-www-form-urlencoded", request.Content!.Headers.ContentType!.MediaType);
    }

    [GeneratedRegex(@"^\d+\.\d{6}$")]
    private static partial Regex TsPattern();

    private async Task<(HttpStatusCode Status, JsonNode Body)> CallAsync(string method, string? token, params (string Name, string Value)[] args)
    {
        var (status, raw) = await CallRawAsync(method, token, args);
        return (status, JsonNode.Parse(raw)!);
    }

    private async Task<(HttpStatusCode Status, string Body)> CallRawAsync(string method, string? token, params (string Name, string Value)[] args)
    {
        using var response = await PostFormAsync(method, token, args);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> PostFormAsync(string method, string? token, params (string Name, string Value)[] args) =>
        PostFormAsync(method, token, CancellationToken.None, args);

    private async Task<HttpResponseMessage> PostFormAsync(
        string method, string? token, CancellationToken cancellationToken, params (string Name, string Value)[] args)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, method)
        {
            Content = new FormUrlEncodedContent(args.Select(a => KeyValuePair.Create(a.Name, a.Value))),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _http.SendAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> ExchangeWithBasicAsync(string code, string clientId, string clientSecret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth.v2.access")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("code", code)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
        return await _http.SendAsync(request);
    }
}
