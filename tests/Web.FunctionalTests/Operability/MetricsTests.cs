using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace CodeStream.Integrations.Web.FunctionalTests.Operability;

/// <summary>One recorded measurement of the integration's meter.</summary>
internal sealed record Measured(string Instrument, long Value, IReadOnlyDictionary<string, string?> Tags)
{
    public string? Tag(string name) => Tags.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// Listens to the meter <c>CodeStream.Integrations</c> of one host only (its <see cref="IMeterFactory"/>; other hosts of
/// the test run have their own).
/// </summary>
internal sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measured> _measured = new();

    public MeterRecorder(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "CodeStream.Integrations" && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, (long)Math.Round(value), tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var tagged = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            tagged[tag.Key] = Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        _measured.Enqueue(new Measured(instrument.Name, value, tagged));
    }

    public IReadOnlyList<Measured> Of(string instrument) => [.. _measured.Where(m => m.Instrument == instrument)];

    public long Sum(string instrument, Func<Measured, bool>? where = null) => Of(instrument).Where(where ?? (_ => true)).Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();
}

/// <summary>
/// The integration's metrics (spec §10): Slack events received (new and redelivered), work items finished by kind and
/// state, Slack Web API calls by method and outcome, rate-limit waits, and button clicks.
/// </summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_WhenAnEventIsIngestedAndSlackIsCalled_CountEventsWorkItemsAndApiCalls()
    {
        await using var scenario = await SlackScenario.StartAsync();
        using var metrics = new MeterRecorder(scenario.Host.Services);
        var traffic = new SlackTraffic();
        using var slackClient = scenario.Host.CreateClient(apiKey: null);
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        var rootTs = (string)(await scenario.ShareToChannelAsync(codemarkId, userId))["postId"]!;
        var eventsBefore = metrics.Sum("codestream.slack.events_received");

        var ts = scenario.Slack.AddMessage(SlackScenario.ChannelId, SlackScenario.GraceSlackId, "From Slack", threadTs: rootTs);
        var json = SlackTraffic.ThreadReply(SlackTraffic.NewEventId(), ts, rootTs, "From Slack");
        using (var first = await traffic.PostSignedAsync(slackClient, SlackTraffic.EventsPath, json))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await SlackScenario.WaitUntilAsync(
            () => metrics.Sum("codestream.work_items", m => m.Tag("kind") == "slack-event") >= 1, because: "the event is processed");
        using (var redelivery = await traffic.PostSignedAsync(slackClient, SlackTraffic.EventsPath, json))
        {
            Assert.Equal(HttpStatusCode.OK, redelivery.StatusCode);
        }

        Assert.Equal(0, eventsBefore);
        Assert.Equal(1, metrics.Sum("codestream.slack.events_received", m => m.Tag("duplicate") == "False"));
        Assert.Equal(1, metrics.Sum("codestream.slack.events_received", m => m.Tag("duplicate") == "True"));
        var work = Assert.Single(metrics.Of("codestream.work_items"), m => m.Tag("kind") == "slack-event");
        Assert.Equal("done", work.Tag("state"));
        Assert.Equal(1, work.Value);

        var calls = metrics.Of("codestream.slack.api_calls");
        Assert.All(calls, c => Assert.Equal(1, c.Value));
        Assert.Equal(scenario.Slack.CallsTo("chat.postMessage").Count, calls.Count(c => c.Tag("method") == "chat.postMessage"));
        Assert.Contains(calls, c => c.Tag("method") == "oauth.v2.access" && c.Tag("outcome") == "ok");
        Assert.Contains(calls, c => c.Tag("method") == "chat.postMessage" && c.Tag("outcome") == "ok");
        Assert.True(calls.Count >= 3, $"{calls.Count} Slack calls counted");
    }

    [Fact]
    public async Task Metrics_WhenSlackAnswers429_RecordThePauseAndCountTheCallsItTurnsAway()
    {
        await using var scenario = await SlackScenario.StartAsync();
        using var metrics = new MeterRecorder(scenario.Host.Services);
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        scenario.Slack.FailNext("chat.postMessage", SlackFault.RateLimited(2));

        using var limited = await scenario.Client.PostAsJsonAsync(
            $"/api/v1/codemarks/{codemarkId}/shares", new { userId, slackTeamId = SlackScenario.SlackTeamId, channelId = SlackScenario.ChannelId });
        using var turnedAway = await scenario.Client.PostAsJsonAsync(
            $"/api/v1/codemarks/{codemarkId}/shares", new { userId, slackTeamId = SlackScenario.SlackTeamId, channelId = SlackScenario.ChannelId });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), limited.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, turnedAway.StatusCode);
        Assert.Single(scenario.Slack.CallsTo("chat.postMessage")); // the second share never reached Slack
        Assert.Single(metrics.Of("codestream.slack.rate_limit_pauses"), m => m.Tag("method") == "chat.postMessage");
        Assert.Equal(1, metrics.Sum("codestream.slack.rate_limit_waits", m => m.Tag("method") == "chat.postMessage"));
        Assert.Empty(scenario.Slack.Messages(SlackScenario.ChannelId));
    }

    [Fact]
    public async Task Metrics_WhenTheReplyButtonIsClicked_CountAButtonClickByLinkType()
    {
        await using var scenario = await SlackScenario.StartAsync();
        using var metrics = new MeterRecorder(scenario.Host.Services);
        var traffic = new SlackTraffic();
        using var slackClient = scenario.Host.CreateClient(apiKey: null);
        var (_, userId, codemarkId) = await scenario.ConnectedCodemarkAsync();
        await scenario.ShareToChannelAsync(codemarkId, userId);
        var card = JsonNode.Parse(scenario.Slack.Messages(SlackScenario.ChannelId).Single().BlocksJson!)!.AsArray();
        var trigger = SlackTraffic.NewTriggerId();
        scenario.Slack.RegisterTrigger(trigger);

        using var click = await traffic.PostInteractivityAsync(
            slackClient, SlackTraffic.ButtonClick(SlackTraffic.ReplyActionId(card)!, trigger, scenario.Slack.NewResponseUrl()));

        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        var clicked = Assert.Single(metrics.Of("codestream.slack.button_clicks"));
        Assert.Equal("reply", clicked.Tag("link_type"));
        Assert.Contains(metrics.Of("codestream.slack.api_calls"), c => c.Tag("method") == "views.open" && c.Tag("outcome") == "ok");
    }
}
