using System.Diagnostics;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CodeStream.Integrations.TestSupport.Slack.SocketMode;

/// <summary>
/// Slack's Socket Mode on loopback, beside the fake Web API: <c>apps.connections.open</c> hands out a
/// <c>ws://…/socket-mode/link/?ticket=…</c> URL (single use); a connection gets <c>hello</c>, then envelopes, each to
/// one open connection in turn (across every host connected). An <c>events_api</c> envelope not acknowledged within
/// <see cref="AckTimeout"/>, or lost with its connection, is delivered again with <c>retry_attempt</c> + 1, as Slack
/// does, up to three times. Tests refresh connections (<c>disconnect</c>), drop them without a close frame, or hang them.
/// </summary>
public sealed class FakeSocketModeServer : IAsyncDisposable
{
    public const string PathPrefix = "/socket-mode/link/";
    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _appTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tickets = new(StringComparer.Ordinal);
    private readonly List<FakeSocketConnection> _connections = [];
    private readonly List<SocketEnvelope> _envelopes = [];
    private readonly Dictionary<string, SocketEnvelope> _byId = new(StringComparer.Ordinal);
    private readonly Channel<SocketEnvelope> _outbox = Channel.CreateUnbounded<SocketEnvelope>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pump;
    private readonly Task _redelivery;
    private int _nextConnection;
    private int _nextEnvelope;
    private int _turn;

    internal FakeSocketModeServer()
    {
        _pump = Task.Run(PumpAsync);
        _redelivery = Task.Run(RedeliverAsync);
    }

    /// <summary>Slack's 3 s: an <c>events_api</c> envelope not acknowledged by then is delivered again.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a connection told to <c>disconnect</c> stays open before the fake closes it.</summary>
    public TimeSpan RefreshGrace { get; set; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<FakeSocketConnection> Connections
    {
        get
        {
            lock (_gate)
            {
                return [.. _connections];
            }
        }
    }

    public IReadOnlyList<SocketEnvelope> Envelopes
    {
        get
        {
            lock (_gate)
            {
                return [.. _envelopes];
            }
        }
    }

    internal Uri BaseUrl { get; set; } = null!;

    /// <summary>An app-level token for <paramref name="appId"/> that <c>apps.connections.open</c> accepts.</summary>
    public string AddAppLevelToken(string appId, string? token = null)
    {
        token ??= $"xapp-1-{appId}-{RandomNumberGenerator.GetHexString(12, lowercase: true)}";
        lock (_gate)
        {
            _appTokens[token] = appId;
        }

        return token;
    }

    public void RevokeAppLevelToken(string token)
    {
        lock (_gate)
        {
            _appTokens.Remove(token);
        }
    }

    /// <summary>Waits until <paramref name="count"/> connections take envelopes; returns them.</summary>
    public async Task<IReadOnlyList<FakeSocketConnection>> WaitForConnectionsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var open = Connections.Where(c => c.TakesEnvelopes).ToArray();
            if (open.Length >= count)
            {
                return open;
            }

            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(15)))
            {
                throw new TimeoutException($"{open.Length} of {count} Socket Mode connections are open.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Sends an Events API <c>event_callback</c> body as an <c>events_api</c> envelope.</summary>
    public SocketEnvelope SendEvent(string eventCallbackJson) => Send("events_api", eventCallbackJson, acceptsResponsePayload: false);

    /// <summary>Sends an interaction payload (<c>block_actions</c>, <c>view_submission</c>…) as an <c>interactive</c> envelope.</summary>
    public SocketEnvelope SendInteractive(string payloadJson, bool acceptsResponsePayload) => Send("interactive", payloadJson, acceptsResponsePayload);

    public SocketEnvelope Send(string type, string payloadJson, bool acceptsResponsePayload, int retryAttempt = 0)
    {
        var envelope = NewEnvelope(type, JsonNode.Parse(payloadJson)!.AsObject(), acceptsResponsePayload, retryAttempt);
        _outbox.Writer.TryWrite(envelope);
        return envelope;
    }

    /// <summary>Sends <c>disconnect</c> with <paramref name="reason"/>; the connection gets no new envelope and is closed after <see cref="RefreshGrace"/>.</summary>
    public async Task RequestRefreshAsync(FakeSocketConnection connection, string reason = "refresh_requested")
    {
        connection.Retiring = true;
        connection.RetiredAt = Stopwatch.GetTimestamp();
        await connection.SendAsync(new JsonObject
        {
            ["type"] = "disconnect",
            ["reason"] = reason,
            ["debug_info"] = new JsonObject { ["host"] = "applink-fake-" + connection.Id },
        }.ToJsonString());
        _ = Task.Delay(RefreshGrace, _stopping.Token).ContinueWith(_ => connection.CloseFromServerAsync(), TaskScheduler.Default);
    }

    /// <summary>Sends any text as one message, bypassing the envelope format (for hostile-input tests).</summary>
    public Task SendRawAsync(FakeSocketConnection connection, string text) => connection.SendAsync(text);

    /// <summary>Cuts the connection without a close frame, as a network failure does.</summary>
    public void Drop(FakeSocketConnection connection) => connection.Drop();

    /// <summary>The connection stops dead: nothing is read or written, pings go unanswered, nothing is closed.</summary>
    public void Hang(FakeSocketConnection connection) => connection.Hang();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _outbox.Writer.TryComplete();
        foreach (var connection in Connections.Where(c => c.IsOpen))
        {
            connection.Drop();
        }

        await Task.WhenAll(_pump, _redelivery).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    internal string? AppOf(string token)
    {
        lock (_gate)
        {
            return _appTokens.GetValueOrDefault(token);
        }
    }

    internal Uri IssueUrl(string appId)
    {
        var ticket = Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            _tickets[ticket] = appId;
        }

        return new Uri(BaseUrl, $"{PathPrefix}?ticket={ticket}&app_id={appId}");
    }

    /// <summary>The WebSocket handshake by hand, so the fake owns the stream under the socket (to hang it).</summary>
    internal async Task AcceptAsync(HttpContext context)
    {
        var ticket = context.Request.Query["ticket"].ToString();
        string? appId;
        lock (_gate)
        {
            appId = _tickets.Remove(ticket, out var app) ? app : null;
        }

        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var key = context.Request.Headers["Sec-WebSocket-Key"].ToString();
        if (appId is null || upgrade is not { IsUpgradableRequest: true } || key.Length == 0)
        {
            context.Response.StatusCode = appId is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest;
            return;
        }

        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.SecWebSocketAccept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketGuid)));
        var stream = new PausableStream(await upgrade.UpgradeAsync());
        using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        FakeSocketConnection connection;
        lock (_gate)
        {
            connection = new FakeSocketConnection(++_nextConnection, appId, context, socket, stream, this);
            _connections.Add(connection);
        }

        await connection.RunAsync(new JsonObject
        {
            ["type"] = "hello",
            ["num_connections"] = Connections.Count(c => c.IsOpen),
            ["debug_info"] = new JsonObject { ["host"] = "applink-fake-" + connection.Id, ["build_number"] = 1, ["approximate_connection_time"] = 18060 },
            ["connection_info"] = new JsonObject { ["app_id"] = appId },
        }.ToJsonString());
    }

    internal void OnAcknowledged(FakeSocketConnection connection, string envelopeId, JsonObject? payload)
    {
        SocketEnvelope? envelope;
        lock (_gate)
        {
            envelope = _byId.GetValueOrDefault(envelopeId);
        }

        if (envelope?.Connection == connection)
        {
            envelope.Acknowledge(payload);
        }
    }

    private SocketEnvelope NewEnvelope(string type, JsonObject payload, bool accepts, int retryAttempt)
    {
        lock (_gate)
        {
            var envelope = new SocketEnvelope($"fake-envelope-{++_nextEnvelope:D6}-{Guid.NewGuid():N}", type, payload, accepts, retryAttempt);
            _envelopes.Add(envelope);
            _byId[envelope.EnvelopeId] = envelope;
            return envelope;
        }
    }

    /// <summary>Sends each envelope, in order, to the next connection that takes envelopes (waiting for one if none does).</summary>
    private async Task PumpAsync()
    {
        await foreach (var envelope in _outbox.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
        {
            while (!_stopping.IsCancellationRequested)
            {
                var connection = NextConnection();
                if (connection is null)
                {
                    await Task.Delay(5, _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    continue;
                }

                envelope.Connection = connection;
                envelope.SentAt = Stopwatch.GetTimestamp();
                try
                {
                    await connection.SendAsync(envelope.Render());
                    break;
                }
                catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
                {
                    envelope.Connection = null; // the connection died under us: try the next
                    envelope.SentAt = null;
                }
            }
        }
    }

    private FakeSocketConnection? NextConnection()
    {
        lock (_gate)
        {
            var open = _connections.Where(c => c.TakesEnvelopes).ToArray();
            return open.Length == 0 ? null : open[_turn++ % open.Length];
        }
    }

    /// <summary>Every 50 ms: an events_api envelope lost with its connection, or unacknowledged after the timeout, goes out again.</summary>
    private async Task RedeliverAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            await Task.Delay(50, _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            SocketEnvelope[] overdue;
            lock (_gate)
            {
                overdue = _envelopes.Where(e => e is { Type: "events_api", IsAcked: false, Redelivered: false, RetryAttempt: < 3, SentAt: { } sent }
                    && (!e.Connection!.IsOpen || Stopwatch.GetElapsedTime(sent) > AckTimeout)).ToArray();
                foreach (var envelope in overdue)
                {
                    envelope.Redelivered = true;
                }
            }

            foreach (var envelope in overdue)
            {
                Send(envelope.Type, envelope.Payload.ToJsonString(), envelope.AcceptsResponsePayload, envelope.RetryAttempt + 1);
            }
        }
    }
}
