using System.Net;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Scenarios;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

/// <summary>One host (fake Slack, database) per test class, for tests that only send requests.</summary>
public sealed class SlackEventsHost : IAsyncLifetime
{
    public SlackScenario Scenario { get; private set; } = null!;

    public async Task InitializeAsync() => Scenario = await SlackScenario.StartAsync();

    public async Task DisposeAsync() => await Scenario.DisposeAsync();
}

/// <summary>
/// Garbage on the Events URL, correctly signed (spec §5.1, §10): always a 4xx, never a 5xx, nothing stored in the
/// inbox, and the host keeps serving.
/// </summary>
public sealed class SlackEventBadInputTests(SlackEventsHost host) : IClassFixture<SlackEventsHost>
{
    public static TheoryData<string, string> Garbage => new()
    {
        { "invalid JSON", """{"type":"event_callback","event_id":"EvBad0001","event":{""" },
        { "trailing garbage", """{"type":"event_callback","event_id":"EvBad0002"} tail""" },
        { "empty body", string.Empty },
        { "JSON array", """[{"type":"event_callback","event_id":"EvBad0003"}]""" },
        { "JSON string", "\"event_callback\"" },
        { "JSON number", "42" },
        { "JSON null", "null" },
        { "empty object", "{}" },
        { "no type", """{"event_id":"EvBad0004","team_id":"T0AAA0001","event":{"type":"message"}}""" },
        { "type of the wrong type", """{"type":7,"event_id":"EvBad0005"}""" },
        { "unknown type", """{"type":"block_actions","event_id":"EvBad0006"}""" },
        { "event_callback without event_id", """{"type":"event_callback","team_id":"T0AAA0001","event":{"type":"message"}}""" },
        { "event_id of the wrong type", """{"type":"event_callback","event_id":5,"team_id":"T0AAA0001","event":{"type":"message"}}""" },
        { "event_id an object", """{"type":"event_callback","event_id":{"id":"EvBad0007"},"event":{"type":"message"}}""" },
        { "empty event_id", """{"type":"event_callback","event_id":"","event":{"type":"message"}}""" },
        { "event_id too long", "{\"type\":\"event_callback\",\"event_id\":\"Ev" + new string('9', 200) + "\",\"event\":{\"type\":\"message\"}}" },
        { "url_verification without challenge", """{"type":"url_verification","token":"x"}""" },
        { "nested too deep", """{"type":"event_callback","event_id":"EvBad0008","event":""" + new string('[', 200) + new string(']', 200) + "}" },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Post_WhenBodyIsNotAnEventEnvelope_Returns400AndStoresNothing(string what, string body)
    {
        using var response = await SharedThread.PostSignedAsync(host.Scenario.Client, body);

        // 400, the answer for a verified request that is not an envelope (a 401 would mean the signature, not the body, was refused).
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(0, await InboxCountAsync());
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Post_WhenFormBodyIsNotAnSslCheck_Returns400AndStoresNothing()
    {
        using var response = await host.Scenario.PostSignedAsync(
            SharedThread.EventsPath, "payload=%7B%22type%22%3A%22event_callback%22%7D", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Post_WhenFormBodyIsAnSslCheck_Returns200AndStoresNothing()
    {
        using var response = await host.Scenario.PostSignedAsync(SharedThread.EventsPath, "ssl_check=1&token=x", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
    }

    [Fact]
    public async Task Post_WhenBodyIsLargerThanOneMebibyte_Returns413AndStoresNothing()
    {
        var body = """{"type":"event_callback","event_id":"EvHuge0001","team_id":"T0AAA0001","pad":""" + "\"" + new string('x', 1024 * 1024) + "\"}";

        using var response = await SharedThread.PostSignedAsync(host.Scenario.Client, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
        await AssertStillServingAsync();
    }

    private Task<long> InboxCountAsync() => SlackOAuth.DatabaseInspector.CountAsync(host.Scenario.Database, "work_items");

    private async Task AssertStillServingAsync()
    {
        using var response = await SharedThread.PostSignedAsync(host.Scenario.Client, SlackEventSamples.UrlVerification);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
            (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["challenge"]!);
    }
}

/// <summary>
/// An <c>event_callback</c> with a usable <c>event_id</c> but a missing or malformed <c>event</c>: Slack gets its 200
/// (it would only redeliver), and the inbox records the item as ignored with the reason; nothing crashes.
/// </summary>
public sealed class SlackEventMalformedEventTests(SlackEventsHost host) : IClassFixture<SlackEventsHost>
{
    public static TheoryData<string, string, string> Malformed => new()
    {
        { "no event", """{"team_id":"T0AAA0001","api_app_id":"A0CSAPP01","type":"event_callback","event_id":"EVENT_ID"}""", "not-an-event-envelope" },
        { "event is a string", """{"team_id":"T0AAA0001","type":"event_callback","event_id":"EVENT_ID","event":"message"}""", "not-an-event-envelope" },
        { "event is an array", """{"team_id":"T0AAA0001","type":"event_callback","event_id":"EVENT_ID","event":[{"type":"message"}]}""", "not-an-event-envelope" },
        { "no team_id", """{"type":"event_callback","event_id":"EVENT_ID","event":{"type":"message","channel":"C0DDD0004","ts":"1763890000.000200","thread_ts":"1763889000.000100","user":"U0CCC0003"}}""", "not-an-event-envelope" },
        { "event without type", """{"team_id":"T0AAA0001","type":"event_callback","event_id":"EVENT_ID","event":{}}""", "event-type:none" },
        { "event type a number", """{"team_id":"T0AAA0001","type":"event_callback","event_id":"EVENT_ID","event":{"type":5}}""", "event-type:none" },
        { "unsubscribed event type", """{"team_id":"T0AAA0001","type":"event_callback","event_id":"EVENT_ID","event":{"type":"star_added","user":"U0CCC0003"}}""", "event-type:star_added" },
        { "reaction without its item", """{"team_id":"T0AAA0001","type":"event_callback","event_id":"EVENT_ID","event":{"type":"reaction_added","user":"U0CCC0003","reaction":"+1"}}""", "malformed-reaction" },
        { "reaction on a file", """{"team_id":"T0AAA0001","type":"event_callback","event_id":"EVENT_ID","event":{"type":"reaction_added","user":"U0CCC0003","reaction":"+1","item":{"type":"file","channel":"C0DDD0004","ts":"1763889000.000100"},"event_ts":"1763889001.000100"}}""", "not-a-message-reaction" },
        { "rename without a channel object", """{"team_id":"T0AAA0001","type":"event_callback","event_id":"EVENT_ID","event":{"type":"channel_rename","channel":"C0DDD0004"}}""", "malformed-rename" },
        { "message fields of the wrong types", """{"team_id":"T0AAA0001","type":"event_callback","event_id":"EVENT_ID","event":{"type":"message","channel":5,"ts":[1],"thread_ts":{},"user":true,"files":"x"}}""", "malformed-message" },
        { "message ts not a Slack ts", """{"team_id":"T0AAA0001","type":"event_callback","event_id":"EVENT_ID","event":{"type":"message","channel":"C0DDD0004","ts":"yesterday","thread_ts":"1763889000.000100","user":"U0CCC0003","text":"x"}}""", "malformed-message" },
        { "message_changed without message", """{"team_id":"T0AAA0001","type":"event_callback","event_id":"EVENT_ID","event":{"type":"message","subtype":"message_changed","channel":"C0DDD0004","ts":"1763890500.000400"}}""", "malformed-message" },
        { "message_deleted without deleted_ts", """{"team_id":"T0AAA0001","type":"event_callback","event_id":"EVENT_ID","event":{"type":"message","subtype":"message_deleted","channel":"C0DDD0004","ts":"1763890900.000500"}}""", "malformed-message" },
        { "message subtype not synced", """{"team_id":"T0AAA0001","type":"event_callback","event_id":"EVENT_ID","event":{"type":"message","subtype":"channel_join","channel":"C0DDD0004","ts":"1763890900.000500","user":"U0CCC0003"}}""", "message-subtype:channel_join" },
        { "thread of no share", """{"team_id":"T0AAA0001","type":"event_callback","event_id":"EVENT_ID","event":{"type":"message","channel":"C0DDD0004","ts":"1763890000.000200","thread_ts":"1763889000.000100","user":"U0CCC0003","text":"hi"}}""", "thread-not-shared" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Post_WhenEventIsMissingOrMalformed_Acknowledges200AndRecordsItIgnored(string what, string template, string reason)
    {
        var eventId = SlackEvent.NewEventId();
        var body = template.Replace("EVENT_ID", eventId, StringComparison.Ordinal);

        using (var response = await SharedThread.PostSignedAsync(host.Scenario.Client, body))
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what} → {(int)response.StatusCode}");
        }

        var row = await SharedThread.WaitForEventAsync(host.Scenario.Database, eventId);
        Assert.Equal("Ignored", row.State);
        Assert.Equal(reason, row.Result);

        using var inbox = await host.Scenario.Client.GetAsync("/api/v1/slack/inbox?state=ignored&limit=1000");
        var items = JsonNode.Parse(await inbox.Content.ReadAsStringAsync())!["items"]!.AsArray();
        Assert.Contains(items, i => (string?)i!["eventId"] == eventId && (string?)i["reason"] == reason);
    }
}
