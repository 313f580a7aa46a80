namespace CodeStream.Integrations.Web.Slack;

/// <summary>
/// Logs refused Slack requests without letting unsigned callers flood the log: the first refusal after a quiet minute
/// is written at once (a wrong signing secret shows immediately); while refusals go on, each minute ends with one
/// summary line counting them by reason.
/// </summary>
internal sealed partial class RejectedSlackRequests(ILogger<RejectedSlackRequests> logger, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly int[] _counts = new int[Enum.GetValues<SlackSignatureCheck>().Length];
    private ITimer? _summary;

    public void Record(PathString path, SlackSignatureCheck check)
    {
        lock (_gate)
        {
            if (_summary is null)
            {
                _summary = clock.CreateTimer(_ => Flush(), null, Window, Timeout.InfiniteTimeSpan);
                LogRejected(logger, path, check);
                return;
            }

            _counts[(int)check]++;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _summary?.Dispose();
            _summary = null;
        }
    }

    private void Flush()
    {
        lock (_gate)
        {
            var total = _counts.Sum();
            if (total == 0)
            {
                // A quiet minute: the next refusal is logged as it comes.
                _summary?.Dispose();
                _summary = null;
                return;
            }

            var reasons = string.Join(", ", Enum.GetValues<SlackSignatureCheck>().Where(c => _counts[(int)c] > 0).Select(c => $"{c}: {_counts[(int)c]}"));
            Array.Clear(_counts);
            LogSummary(logger, total, reasons);
            _summary?.Change(Window, Timeout.InfiniteTimeSpan);
        }
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Rejected a Slack request to {Path}: {Check}")]
    private static partial void LogRejected(ILogger logger, PathString path, SlackSignatureCheck check);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Rejected {Count} more Slack requests in the last minute ({Reasons})")]
    private static partial void LogSummary(ILogger logger, int count, string reasons);
}
