using System.Diagnostics.Metrics;

namespace CodeStream.Integrations.Application.Slack.Resync.ResyncThreads;

/// <summary>Threads read to their end and replies recovered by resyncs (meter <c>CodeStream.Integrations</c>).</summary>
internal sealed class SlackResyncMetrics
{
    private readonly Counter<long> _threads;
    private readonly Counter<long> _replies;

    public SlackResyncMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("CodeStream.Integrations");
        _threads = meter.CreateCounter<long>("codestream.slack.resync.threads_scanned", description: "Shared threads a resync read to their end");
        _replies = meter.CreateCounter<long>("codestream.slack.resync.replies_recovered", description: "Replies a resync found that no event had brought");
    }

    public void ThreadScanned() => _threads.Add(1);

    public void RepliesRecovered(int count)
    {
        if (count > 0)
        {
            _replies.Add(count);
        }
    }
}
