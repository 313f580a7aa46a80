using System.Text;
using CodeStream.Integrations.Web.Slack.SocketMode;

namespace CodeStream.Integrations.Web.FunctionalTests.SocketMode;

/// <summary>The pure parts of Socket Mode: reading a message's top-level fields, acknowledging, and the back-off.</summary>
public sealed class SocketModeMessageTests
{
    [Fact]
    public void Parse_AnEnvelope_ReadsItsFieldsAndKeepsThePayloadBytesExactly()
    {
        const string payload = """{"type":"event_callback","event_id":"Ev1","event":{"text":"a \"quoted\" é"}}""";
        var message = SocketModeMessage.Parse(Encoding.UTF8.GetBytes(
            $$"""{"envelope_id":"e-1","payload":{{payload}},"type":"events_api","accepts_response_payload":true,"retry_attempt":2,"retry_reason":"timeout"}"""));

        Assert.NotNull(message);
        Assert.Equal("events_api", message.Type);
        Assert.Equal("e-1", message.EnvelopeId);
        Assert.True(message.AcceptsResponsePayload);
        Assert.Equal(2, message.RetryAttempt);
        Assert.Equal(payload, Encoding.UTF8.GetString(message.Payload.Span));
    }

    [Fact]
    public void Parse_Disconnect_ReadsTheReasonAndHasNoPayload()
    {
        var message = SocketModeMessage.Parse("""{"type":"disconnect","reason":"refresh_requested","debug_info":{"host":"x"}}"""u8.ToArray());

        Assert.Equal("disconnect", message?.Type);
        Assert.Equal("refresh_requested", message?.Reason);
        Assert.True(message?.Payload.IsEmpty);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"type\":\"events_api\"")]
    [InlineData("{\"type\":\"\\ud800\"}")]
    public void Parse_WhatIsNotAJsonObjectSlackCouldSend_IsNull(string text) =>
        Assert.Null(SocketModeMessage.Parse(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Parse_WrongTypes_AreReadAsAbsent()
    {
        var message = SocketModeMessage.Parse("""{"type":1,"envelope_id":["x"],"accepts_response_payload":"yes","retry_attempt":"1","payload":"text"}"""u8.ToArray());

        Assert.NotNull(message);
        Assert.Null(message.Type);
        Assert.Null(message.EnvelopeId);
        Assert.False(message.AcceptsResponsePayload);
        Assert.Equal(0, message.RetryAttempt);
        Assert.True(message.Payload.IsEmpty);
    }

    [Fact]
    public void Acknowledgement_WithAndWithoutAnAnswer_IsWhatSlackExpects()
    {
        Assert.Equal("""{"envelope_id":"e-\u00222"}""", SocketModeEnvelopeHandler.Acknowledgement("e-\"2", null));
        Assert.Equal("""{"envelope_id":"e-3","payload":{"response_action":"update"}}""", SocketModeEnvelopeHandler.Acknowledgement("e-3", """{"response_action":"update"}"""));
    }

    [Fact]
    public void Backoff_GrowsFromHalfASecondToAtMostThirtySecondsAndNeverOverflows()
    {
        for (var failures = 0; failures < 200; failures++)
        {
            var delay = SocketModeBackoff.Delay(failures);
            var ceiling = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(failures, 10))));
            Assert.InRange(delay, ceiling / 2, ceiling);
        }

        Assert.InRange(SocketModeBackoff.Delay(int.MaxValue), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
    }
}
