using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace CodeStream.Integrations.LoadGenerator;

/// <summary>
/// A slow-loris client against the Slack events endpoint: each connection declares a 1 MiB body and sends one byte a
/// second, reconnecting whenever the host cuts it off; meanwhile a normal signed event is sent every second and its
/// acknowledgement timed. Reports the host's memory growth and those acknowledgement times.
/// </summary>
internal sealed class SlowBodies(HostProcess host, World world, HttpClient http)
{
    private const string EventsPath = "/no-auth/provider-action/slack-events";

    public async Task RunAsync(int connections, int seconds, string rootTs)
    {
        // Warm the normal path up first (JIT, pools, the reply processing), so the baseline is the host at work.
        var sequence = 0L;
        for (var i = 0; i < 10; i++)
        {
            await SendNormalEventAsync(rootTs, ++sequence);
            await Task.Delay(500);
        }

        await Task.Delay(2000);
        var baseline = host.RssMiB();
        var peak = baseline;
        long opened = 0, cutOff = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));

        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, host.RssMiB());
                await Task.Delay(200);
            }
        });

        var slots = Enumerable.Range(0, connections).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref opened);
                if (await TrickleUntilCutOffAsync(stop.Token))
                {
                    Interlocked.Increment(ref cutOff);
                }
            }
        }).ToList();

        var latencies = new Latencies();
        long acknowledged = 0, sent = 0;
        while (!stop.IsCancellationRequested)
        {
            sent++;
            var started = Stopwatch.GetTimestamp();
            acknowledged += await SendNormalEventAsync(rootTs, ++sequence) ? 1 : 0;
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await Task.Delay(1000);
        }

        await Task.WhenAll(slots);
        await sampler;
        Console.WriteLine($"slow bodies: {connections} connections at a time, {opened} opened, {cutOff} cut off by the host in {seconds} s");
        Console.WriteLine($"normal events meanwhile: {acknowledged}/{sent} acknowledged; ack p50 {latencies.Percentile(50):0.0} ms, max {latencies.Percentile(100):0.0} ms");
        Console.WriteLine($"host RSS: {baseline:0} MiB before, {peak:0} MiB at peak → grew {peak - baseline:0.0} MiB");
    }

    private async Task<bool> SendNormalEventAsync(string rootTs, long n)
    {
        var body = World.ThreadReplyEvent($"EvSlow{n:D9}", $"{1_800_000_000 + n}.000300", rootTs, $"normal reply {n} during the slow bodies");
        using var response = await world.PostSignedAsync(http, EventsPath, body);
        return response.IsSuccessStatusCode;
    }

    /// <summary>True when the host ended the connection (an answer or a close), false when the run ended first.</summary>
    private async Task<bool> TrickleUntilCutOffAsync(CancellationToken stop)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port, stop);
            var stream = tcp.GetStream();
            var head = $"POST {EventsPath} HTTP/1.1\r\nHost: {host.BaseAddress.Authority}\r\nContent-Type: application/json\r\n"
                + "X-Slack-Request-Timestamp: 1\r\nX-Slack-Signature: v0=00\r\nContent-Length: 1048576\r\n\r\n{";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop);
            var answer = stream.ReadAsync(new byte[512], stop).AsTask();
            while (!stop.IsCancellationRequested)
            {
                await Task.WhenAny(answer, Task.Delay(1000, stop));
                if (stop.IsCancellationRequested)
                {
                    return false;
                }

                if (answer.IsCompleted)
                {
                    return true;
                }

                await stream.WriteAsync("a"u8.ToArray(), stop);
            }

            return false;
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            return true; // the host closed the connection under us
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
