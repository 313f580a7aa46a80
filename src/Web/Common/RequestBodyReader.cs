using System.Buffers;

namespace CodeStream.Integrations.Web.Common;

/// <summary>What reading a request body came to.</summary>
internal enum BodyRead
{
    Complete,
    TooLarge,
    TooSlow,
}

/// <summary>
/// Reads a whole request body up to a limit and within a deadline. Memory grows with the bytes that arrived, never
/// with the length a client declares: a caller announcing 1 MiB and sending one byte a second holds a few KiB until
/// the deadline ends it. Chunked bodies are held to the same limit.
/// </summary>
internal static class RequestBodyReader
{
    // Declared lengths up to this get their exact buffer at once (the usual Slack event is 1–4 KiB).
    private const int TrustedDeclaredLength = 16 * 1024;

    public static async Task<(BodyRead Outcome, byte[] Body)> ReadAsync(HttpContext http, int maxBytes, TimeSpan deadline)
    {
        var request = http.Request;
        if (request.ContentLength > maxBytes)
        {
            return (BodyRead.TooLarge, []);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(deadline);
        try
        {
            return await ReadBoundedAsync(request.Body, request.ContentLength, maxBytes, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            return (BodyRead.TooSlow, []);
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel's own limits: its request body size cap (413) or its minimum data rate (408).
            return (exception.StatusCode == StatusCodes.Status413PayloadTooLarge ? BodyRead.TooLarge : BodyRead.TooSlow, []);
        }
    }

    private static async Task<(BodyRead, byte[])> ReadBoundedAsync(Stream body, long? declared, int maxBytes, CancellationToken cancellationToken)
    {
        if (declared is { } length and <= TrustedDeclaredLength)
        {
            var exact = new byte[length];
            await body.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
            return await body.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) == 0 ? (BodyRead.Complete, exact) : (BodyRead.TooLarge, []);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var count = 0;
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    if (count > maxBytes)
                    {
                        return (BodyRead.TooLarge, []);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (BodyRead.Complete, buffer.AsSpan(0, count).ToArray());
                }

                count += read;
                if (count > maxBytes)
                {
                    return (BodyRead.TooLarge, []);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
