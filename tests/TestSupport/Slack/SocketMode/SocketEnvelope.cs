using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.Slack.SocketMode;

/// <summary>One envelope the fake sent (or will send) over a Socket Mode connection, and its acknowledgement.</summary>
public sealed class SocketEnvelope
{
    private readonly TaskCompletionSource<JsonObject?> _acked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal SocketEnvelope(string envelopeId, string type, JsonObject payload, bool acceptsResponsePayload, int retryAttempt)
    {
        EnvelopeId = envelopeId;
        Type = type;
        Payload = payload;
        AcceptsResponsePayload = acceptsResponsePayload;
        RetryAttempt = retryAttempt;
        EventId = (string?)payload["event_id"];
    }

    public string EnvelopeId { get; }

    public string Type { get; }

    public JsonObject Payload { get; }

    public bool AcceptsResponsePayload { get; }

    public int RetryAttempt { get; }

    /// <summary>The Events API <c>event_id</c> of an <c>events_api</c> envelope.</summary>
    public string? EventId { get; }

    /// <summary>The connection it went out on; null while it waits for one.</summary>
    public FakeSocketConnection? Connection { get; internal set; }

    public long? SentAt { get; internal set; }

    /// <summary>From sending to the acknowledgement, once acknowledged.</summary>
    public TimeSpan? AckTime { get; private set; }

    /// <summary>Completes with the acknowledgement's <c>payload</c> (null when it had none).</summary>
    public Task<JsonObject?> Acked => _acked.Task;

    public bool IsAcked => _acked.Task.IsCompleted;

    /// <summary>Delivered again (a new envelope, <c>retry_attempt</c> + 1) because this one was not acknowledged in time.</summary>
    public bool Redelivered { get; internal set; }

    internal void Acknowledge(JsonObject? payload)
    {
        if (SentAt is { } sent && AckTime is null)
        {
            AckTime = Stopwatch.GetElapsedTime(sent);
        }

        _acked.TrySetResult(payload);
    }

    internal string Render() => new JsonObject
    {
        ["envelope_id"] = EnvelopeId,
        ["payload"] = Payload.DeepClone(),
        ["type"] = Type,
        ["accepts_response_payload"] = AcceptsResponsePayload,
        ["retry_attempt"] = RetryAttempt,
        ["retry_reason"] = RetryAttempt == 0 ? string.Empty : "timeout",
    }.ToJsonString();
}
