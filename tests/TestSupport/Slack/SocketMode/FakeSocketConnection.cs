using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CodeStream.Integrations.TestSupport.Slack.SocketMode;

/// <summary>How a fake Socket Mode connection ended.</summary>
public enum SocketConnectionEnd
{
    Open,

    /// <summary>The client sent a close frame (after its replacement was up, or when stopping).</summary>
    ClosedByClient,

    /// <summary>The fake closed it: the refresh grace ran out.</summary>
    ClosedByServer,

    /// <summary>Cut without a close frame (<see cref="FakeSocketModeServer.Drop"/>), or the client vanished.</summary>
    Dropped,
}

/// <summary>The fake's end of one Socket Mode connection: sends hello and envelopes, reads acknowledgements.</summary>
public sealed class FakeSocketConnection
{
    private readonly HttpContext _context;
    private readonly WebSocket _socket;
    private readonly PausableStream _stream;
    private readonly FakeSocketModeServer _server;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal FakeSocketConnection(int id, string appId, HttpContext context, WebSocket socket, PausableStream stream, FakeSocketModeServer server)
    {
        Id = id;
        AppId = appId;
        _context = context;
        _socket = socket;
        _stream = stream;
        _server = server;
    }

    public int Id { get; }

    public string AppId { get; }

    /// <summary>When the connection was accepted, sent <c>disconnect</c> and ended (<see cref="System.Diagnostics.Stopwatch"/> timestamps).</summary>
    public long OpenedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public long? RetiredAt { get; internal set; }

    public long? EndedAt { get; private set; }

    public SocketConnectionEnd End { get; private set; }

    /// <summary>The fake sent <c>disconnect</c>: no new envelope goes to this connection.</summary>
    public bool Retiring { get; internal set; }

    /// <summary>The fake stopped reading and writing: pings go unanswered.</summary>
    public bool Hung { get; private set; }

    public bool IsOpen => End == SocketConnectionEnd.Open;

    /// <summary>Open, not retiring, not hung: where new envelopes go.</summary>
    public bool TakesEnvelopes => IsOpen && !Retiring && !Hung;

    public Task Ended => _ended.Task;

    internal async Task RunAsync(string hello)
    {
        try
        {
            await SendAsync(hello);
            await ReadAcknowledgementsAsync();
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            Finish(SocketConnectionEnd.Dropped);
        }
        finally
        {
            Finish(SocketConnectionEnd.Dropped);
        }
    }

    internal async Task SendAsync(string text)
    {
        await _sendGate.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, _context.RequestAborted);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    internal void Drop()
    {
        Finish(SocketConnectionEnd.Dropped);
        _context.Abort();
    }

    internal void Hang()
    {
        Hung = true;
        _stream.Pause();
    }

    internal async Task CloseFromServerAsync()
    {
        if (!IsOpen)
        {
            return;
        }

        Finish(SocketConnectionEnd.ClosedByServer);
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "refreshed", deadline.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }

        _context.Abort();
    }

    private async Task ReadAcknowledgementsAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (true)
            {
                var count = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), _context.RequestAborted);
                    count += result.Count;
                }
                while (!result.EndOfMessage && count < buffer.Length);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Finish(SocketConnectionEnd.ClosedByClient);
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }

                var ack = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, count)) as JsonObject;
                if (ack?["envelope_id"] is JsonValue id && id.TryGetValue<string>(out var envelopeId))
                {
                    _server.OnAcknowledged(this, envelopeId, ack["payload"] as JsonObject);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Finish(SocketConnectionEnd end)
    {
        if (End == SocketConnectionEnd.Open)
        {
            End = end;
            EndedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        }

        _ended.TrySetResult();
    }
}
