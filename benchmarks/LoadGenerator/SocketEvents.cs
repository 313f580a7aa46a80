using System.Diagnostics;
using CodeStream.Integrations.TestSupport.Slack;

namespace CodeStream.Integrations.LoadGenerator;

/// <summary>
/// Events over Socket Mode: the fake pushes <c>events_api</c> envelopes down the host's connections and times each
/// acknowledgement (sent → ack frame read back). A closed loop keeps <c>window</c> envelopes unacknowledged at a
/// time (as fast as the host acknowledges), or <c>rate</c> envelopes a second are pushed regardless.
/// </summary>
internal sealed class SocketEvents(FakeSlackServer slack, HostProcess host, string rootTs)
{
    public async Task RunAsync(int seconds, int window, int rate, int connections)
    {
        var sockets = slack.SocketMode;
        await sockets.WaitForConnectionsAsync(connections, TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        long sequence = 0;
        var inFlight = new SemaphoreSlim(window, window);
        var pending = new List<Task>();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var n = ++sequence;
            if (rate > 0)
            {
                var due = TimeSpan.FromSeconds((double)n / rate);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }
            }
            else
            {
                await inFlight.WaitAsync();
            }

            var envelope = sockets.SendEvent(World.ThreadReplyEvent(
                $"EvSock{n:D9}", $"{1_800_000_000 + n}.000300", rootTs, $"socket reply {n} with <@{World.AdaSlackId}> &amp; `code`"));
            pending.Add(rate > 0 ? envelope.Acked : envelope.Acked.ContinueWith(_ => inFlight.Release(), TaskScheduler.Default));
        }

        var sending = clock.Elapsed.TotalSeconds;
        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(60));
        var envelopes = sockets.Envelopes;
        var latencies = new Latencies();
        foreach (var envelope in envelopes.Where(e => e.AckTime is not null))
        {
            latencies.Add(envelope.AckTime!.Value.TotalMilliseconds);
        }

        Console.WriteLine($"socket events: {latencies.Count} of {envelopes.Count} envelopes acknowledged in {sending:0.0} s = {latencies.Count / sending:0}/s "
            + $"over {connections} connections; {envelopes.Count(e => e.Redelivered)} delivered again");
        Console.WriteLine($"ack (fake: envelope sent → ack read): p50 {latencies.Percentile(50):0.0} ms, p99 {latencies.Percentile(99):0.0} ms, max {latencies.Percentile(100):0.0} ms");
        Console.WriteLine($"host peak RSS {host.PeakRssMiB():0} MiB, now {host.RssMiB():0} MiB");
    }
}
