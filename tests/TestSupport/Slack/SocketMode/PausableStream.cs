namespace CodeStream.Integrations.TestSupport.Slack.SocketMode;

/// <summary>
/// The fake's side of a socket that can stop dead: while paused, reads and writes wait, so the WebSocket on top neither
/// reads the client's pings nor answers them, as a half-open connection or a frozen peer behaves.
/// </summary>
internal sealed class PausableStream(Stream inner) : Stream
{
    private readonly TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _paused;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public void Pause() => _paused = true;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_paused)
        {
            await _resumed.Task.WaitAsync(cancellationToken);
        }

        var read = await inner.ReadAsync(buffer, cancellationToken);
        if (_paused)
        {
            await _resumed.Task.WaitAsync(cancellationToken); // never resumes: the socket ends when the client gives up
        }

        return read;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_paused)
        {
            await _resumed.Task.WaitAsync(cancellationToken);
        }

        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
