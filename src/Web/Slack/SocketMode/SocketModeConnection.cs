using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace CodeStream.Integrations.Web.Slack.SocketMode;

/// <summary>How a connection behaves: its handler, ping period and bounds.</summary>
internal sealed record SocketModeConnectionSettings(
    Func<SocketModeMessage, CancellationToken, Task<string>> Handle,
    TimeSpan PingInterval,
    TimeSpan HelloTimeout,
    int MaxInFlight = 64,
    int MaxMessageBytes = 1024 * 1024);

/// <summary>
/// One Socket Mode WebSocket: connected and greeted by <c>hello</c> before anyone uses it; envelopes are handled
/// concurrently (a bounded number; the socket is not read while all are busy) and acknowledged as each finishes;
/// <c>disconnect</c> completes <see cref="RefreshRequested"/> and the connection keeps serving until it is closed;
/// a dropped socket, a close from Slack or a ping without pong completes <see cref="Ended"/> with the reason.
/// </summary>
internal sealed partial class SocketModeConnection : IAsyncDisposable
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly ClientWebSocket _socket;
    private readonly SocketModeConnectionSettings _settings;
    private readonly SocketModeStatus _status;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly SemaphoreSlim _inFlight;
    private readonly TaskCompletionSource _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _refresh = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _abort = new();
    private Task<string> _receiving = Task.FromResult("not started");
    private int _up;
    private int _disposed;

    private SocketModeConnection(ClientWebSocket socket, SocketModeConnectionSettings settings, SocketModeStatus status, ILogger logger, string name)
    {
        _socket = socket;
        _settings = settings;
        _status = status;
        _logger = logger;
        _inFlight = new SemaphoreSlim(settings.MaxInFlight, settings.MaxInFlight);
        Name = name;
    }

    /// <summary>For logs: the slot and how many connections it has had (never the URL, whose ticket is a credential).</summary>
    public string Name { get; }

    /// <summary>Completes with the reason when the socket is gone (dropped, closed, no pong, stopped).</summary>
    public Task<string> Ended => _receiving;

    /// <summary>Completes with Slack's reason when it sent <c>disconnect</c>: open a replacement, then close this one.</summary>
    public Task<string> RefreshRequested => _refresh.Task;

    /// <summary>Connects and waits for <c>hello</c>; throws when either fails or takes too long.</summary>
    public static async Task<SocketModeConnection> OpenAsync(
        Uri url, string name, SocketModeConnectionSettings settings, SocketModeStatus status, ILogger logger, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        // .NET sends a ping every interval and aborts the socket when no pong comes within the timeout.
        socket.Options.KeepAliveInterval = settings.PingInterval;
        socket.Options.KeepAliveTimeout = settings.PingInterval;
        var connection = new SocketModeConnection(socket, settings, status, logger, name);
        try
        {
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connecting.CancelAfter(settings.HelloTimeout);
                await socket.ConnectAsync(url, connecting.Token);
            }

            connection._receiving = Task.Run(connection.ReceiveLoopAsync, CancellationToken.None);
            await Task.WhenAny(connection._hello.Task, connection._receiving).WaitAsync(settings.HelloTimeout, cancellationToken);
            if (!connection._hello.Task.IsCompletedSuccessfully)
            {
                throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "The connection ended before hello: " + await connection._receiving);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Closes after the envelopes in hand are acknowledged (bounded): sends the close frame, waits for Slack's, then
    /// gives up on it. Envelopes that arrive after the close frame cannot be acknowledged; Slack delivers them again.
    /// </summary>
    public async Task CloseAsync(string reason)
    {
        using var deadline = new CancellationTokenSource(CloseTimeout);
        try
        {
            // Every slot taken back means no handler is still running on this connection.
            for (var i = 0; i < _settings.MaxInFlight; i++)
            {
                await _inFlight.WaitAsync(deadline.Token);
            }

            await _sendGate.WaitAsync(deadline.Token);
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, deadline.Token);
            }
            finally
            {
                _sendGate.Release();
            }

            await _receiving.WaitAsync(deadline.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Slack did not answer the close in time, or the socket was already gone: abort below.
        }

        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _abort.CancelAsync();
        _socket.Abort();
        await ((Task)_receiving).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        MarkDown();
    }

    private async Task<string> ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == buffer.Length)
                    {
                        if (buffer.Length >= _settings.MaxMessageBytes)
                        {
                            return $"a message over {_settings.MaxMessageBytes} bytes";
                        }

                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _settings.MaxMessageBytes));
                        buffer.AsSpan(0, count).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), _abort.Token);
                    count += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return $"closed by Slack ({_socket.CloseStatus}{(string.IsNullOrEmpty(_socket.CloseStatusDescription) ? string.Empty : ": " + _socket.CloseStatusDescription)})";
                }

                if (result.MessageType == WebSocketMessageType.Text)
                {
                    await OnMessageAsync(buffer.AsSpan(0, count).ToArray());
                }
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            return "stopped";
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            return Describe(exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            MarkDown();
            _hello.TrySetCanceled();
        }
    }

    /// <summary>Why the socket is gone, in words for the log; .NET aborts a socket whose ping got no pong in time.</summary>
    private string Describe(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is TimeoutException || inner.Message.Contains("KeepAliveTimeout", StringComparison.Ordinal))
            {
                return $"no pong within {_settings.PingInterval.TotalSeconds:0.#} s";
            }
        }

        return exception is WebSocketException socketError ? $"dropped ({socketError.WebSocketErrorCode})" : $"dropped ({exception.GetType().Name}: {exception.Message})";
    }

    private async Task OnMessageAsync(byte[] bytes)
    {
        var arrived = TimeProvider.System.GetTimestamp();
        var message = SocketModeMessage.Parse(bytes);
        switch (message)
        {
            case null:
                LogUnreadable(_logger, Name);
                return;
            case { Type: SocketModeMessage.Hello }:
                if (Interlocked.Exchange(ref _up, 1) == 0)
                {
                    _status.ConnectionUp();
                }

                _hello.TrySetResult();
                return;
            case { Type: SocketModeMessage.Disconnect }:
                _refresh.TrySetResult(message.Reason ?? "unknown");
                return;
            case { EnvelopeId: null }:
                LogUnreadable(_logger, Name);
                return;
        }

        _status.EnvelopeReceived(message.Type);
        await _inFlight.WaitAsync(_abort.Token);
        _ = Task.Run(() => HandleAsync(message, arrived), CancellationToken.None);
    }

    private async Task HandleAsync(SocketModeMessage envelope, long arrived)
    {
        try
        {
            var acknowledgement = await _settings.Handle(envelope, _abort.Token);
            await SendAsync(acknowledgement);
            _status.Acknowledged(envelope.Type, TimeProvider.System.GetElapsedTime(arrived));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogNotAcknowledged(_logger, envelope.Type, envelope.EnvelopeId, Name, exception.GetType().Name);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private async Task SendAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await _sendGate.WaitAsync(_abort.Token);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, _abort.Token);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private void MarkDown()
    {
        if (Interlocked.Exchange(ref _up, 0) == 1)
        {
            _status.ConnectionDown();
        }
    }

    [LoggerMessage(EventId = 4211, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection} sent a message that is not an envelope; ignored")]
    private static partial void LogUnreadable(ILogger logger, string connection);

    [LoggerMessage(EventId = 4212, Level = LogLevel.Warning,
        Message = "Socket Mode {EnvelopeType} envelope {EnvelopeId} on connection {Connection} not acknowledged ({Error}); Slack will deliver it again")]
    private static partial void LogNotAcknowledged(ILogger logger, string? envelopeType, string? envelopeId, string connection, string error);
}
