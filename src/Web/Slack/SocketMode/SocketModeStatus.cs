using System.Diagnostics.Metrics;
using CodeStream.Integrations.Infrastructure.Observability;

namespace CodeStream.Integrations.Web.Slack.SocketMode;

/// <summary>What <c>/health/ready</c> and the setup page show of Socket Mode; never a token or a connection URL.</summary>
internal sealed record SocketModeSnapshot(
    int ConnectionsWanted,
    int ConnectionsUp,
    DateTimeOffset? LastHello,
    DateTimeOffset? LastEnvelope,
    long Reconnects,
    long Envelopes,
    long Acknowledged,
    string? LastReconnectReason,
    string? Failure);

/// <summary>
/// The live state of this host's Socket Mode connections, and its metrics: envelopes by type, acknowledgements with
/// their time from receipt, reconnects by reason (meter <see cref="IntegrationMetrics.MeterName"/>).
/// </summary>
internal sealed class SocketModeStatus
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly Counter<long> _envelopes;
    private readonly Counter<long> _acks;
    private readonly Counter<long> _reconnects;
    private readonly Histogram<double> _ackTime;
    private SocketModeSnapshot _snapshot;
    private DateTimeOffset? _allDownSince;

    public SocketModeStatus(IMeterFactory meters, TimeProvider clock, int connectionsWanted)
    {
        _clock = clock;
        var meter = meters.Create(IntegrationMetrics.MeterName);
        _envelopes = meter.CreateCounter<long>("codestream.slack.socket_mode.envelopes", description: "Socket Mode envelopes received, by type");
        _acks = meter.CreateCounter<long>("codestream.slack.socket_mode.acks", description: "Socket Mode envelopes acknowledged, by type");
        _reconnects = meter.CreateCounter<long>("codestream.slack.socket_mode.reconnects", description: "Socket Mode connections replaced, by reason");
        _ackTime = meter.CreateHistogram<double>(
            "codestream.slack.socket_mode.ack_duration", unit: "ms", description: "From an envelope's arrival to its acknowledgement (Slack allows 3 s)");
        _snapshot = new SocketModeSnapshot(connectionsWanted, 0, null, null, 0, 0, 0, null, null);
        _allDownSince = clock.GetUtcNow(); // nothing arrives until the first hello: a long wait for it is an outage too
    }

    public SocketModeSnapshot Snapshot()
    {
        lock (_gate)
        {
            return _snapshot;
        }
    }

    public void ConnectionUp() => Update(s => s with { ConnectionsUp = s.ConnectionsUp + 1, LastHello = _clock.GetUtcNow(), Failure = null });

    public void ConnectionDown()
    {
        lock (_gate)
        {
            _snapshot = _snapshot with { ConnectionsUp = Math.Max(0, _snapshot.ConnectionsUp - 1) };
            if (_snapshot.ConnectionsUp == 0 && _allDownSince is null)
            {
                _allDownSince = _clock.GetUtcNow(); // nothing arrives from here on, until a connection is up again
            }
        }
    }

    /// <summary>Gives back an outage start whose resync could not start, so the next connection tries again.</summary>
    public void RestoreOutageStart(DateTimeOffset since)
    {
        lock (_gate)
        {
            _allDownSince = _allDownSince is { } later && later < since ? later : since;
        }
    }

    /// <summary>When every connection had gone down before this one came up (once; null when one stayed up).</summary>
    public DateTimeOffset? TakeOutageStart()
    {
        lock (_gate)
        {
            var since = _allDownSince;
            _allDownSince = null;
            return since;
        }
    }

    public void EnvelopeReceived(string? type)
    {
        _envelopes.Add(1, new KeyValuePair<string, object?>("type", type ?? "unknown"));
        Update(s => s with { Envelopes = s.Envelopes + 1, LastEnvelope = _clock.GetUtcNow() });
    }

    public void Acknowledged(string? type, TimeSpan sinceArrival)
    {
        var tag = new KeyValuePair<string, object?>("type", type ?? "unknown");
        _acks.Add(1, tag);
        _ackTime.Record(sinceArrival.TotalMilliseconds, tag);
        Update(s => s with { Acknowledged = s.Acknowledged + 1 });
    }

    public void Reconnecting(string reason)
    {
        _reconnects.Add(1, new KeyValuePair<string, object?>("reason", reason));
        Update(s => s with { Reconnects = s.Reconnects + 1, LastReconnectReason = reason });
    }

    /// <summary>Socket Mode cannot work until an operator acts (the token was refused): no more attempts are made.</summary>
    public void Failed(string failure) => Update(s => s with { Failure = failure });

    private void Update(Func<SocketModeSnapshot, SocketModeSnapshot> change)
    {
        lock (_gate)
        {
            _snapshot = change(_snapshot);
        }
    }
}
