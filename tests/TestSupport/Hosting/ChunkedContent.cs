using System.Net;

namespace CodeStream.Integrations.TestSupport.Hosting;

/// <summary>Content of unknown length, so the client sends it with <c>Transfer-Encoding: chunked</c> (64 KiB writes).</summary>
public sealed class ChunkedContent(byte[] body) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < body.Length; offset += 64 * 1024)
        {
            await stream.WriteAsync(body.AsMemory(offset, Math.Min(64 * 1024, body.Length - offset)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
