namespace CodeStream.Integrations.Web.Slack;

/// <summary>
/// Logs refused Slack requests without letting unsigned callers flood the log: the first refusal after a quiet minute
/// is written at once (a wrong signing secret shows immediately); while refusals go on, each minute ends with one
/// summary line counting them by reason.
/// </summary>
internal sealed partial class RejectedSlackRequests(ILogger<RejectedSlackRequests> logger, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private readonly int[] counts = new int[Enum.GetValues<SlackSignatureCheck>().Length];
    private ITimer? summary;

    public void Record(PathString path, SlackSignatureCheck check)
    {
        lock (gate)
        {
            if (summary is null)
            {
                summary = clock.CreateTimer(_ => Flush(), null, Window, Timeout.InfiniteTimeSpan);
                LogRejected(logger, path, check);
                return;
            }

            counts[(int)check]++;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            summary?.Dispose();
            summary = null;
        }
    }

    private void Flush()
    {
        lock (gate)
        {
            var total = counts.Sum();
            if (total == 0)
            {
                // A quiet minute: the next refusal is logged as it comes.
                summary?.Dispose();
                summary = null;
                return;
            }

            var reasons = string.Join(", ", Enum.GetValues<SlackSignatureCheck>().Where(c => counts[(int)c] > 0).Select(c => $"{c}: {counts[(int)c]}"));
            Array.Clear(counts);
            LogSummary(logger, total, reasons);
            summary?.Change(Window, Timeout.InfiniteTimeSpan);
        }
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Rejected a Slack request to {Path}: {Check}")]
    private static partial void LogRejected(ILogger logger, PathString path, SlackSignatureCheck check);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Rejected {Count} more Slack requests in the last minute ({Reasons})")]
    private static partial void LogSummary(ILogger logger, int count, string reasons);
}
