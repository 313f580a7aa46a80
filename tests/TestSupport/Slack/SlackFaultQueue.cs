using System.Globalization;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>Faults waiting per method, consumed in the order they were queued. Not thread-safe: used under the state lock.</summary>
internal sealed class SlackFaultQueue
{
    private readonly Dictionary<string, Queue<SlackFault>> _pending = new(StringComparer.Ordinal);

    public void Enqueue(string method, SlackFault fault, int times)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        if (!_pending.TryGetValue(method, out var queue))
        {
            queue = new Queue<SlackFault>();
            _pending[method] = queue;
        }

        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(fault);
        }
    }

    public SlackFault? TryDequeue(string method) =>
        _pending.TryGetValue(method, out var queue) && queue.TryDequeue(out var fault) ? fault : null;

    public int Pending(string method) => _pending.TryGetValue(method, out var queue) ? queue.Count : 0;

    /// <summary>The answer to a fault other than <see cref="SlackFaultKind.Hang"/>.</summary>
    public static SlackHttpResponse Render(SlackFault fault) => fault.Kind switch
    {
        SlackFaultKind.RateLimited => SlackHttpResponse.Json(
            429,
            SlackJson.Error("ratelimited"),
            ("Retry-After", fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture))),
        SlackFaultKind.ServerError => new SlackHttpResponse(500, "Internal Server Error", "text/plain; charset=utf-8", []),
        SlackFaultKind.Error => SlackHttpResponse.Json(200, SlackJson.Error(fault.ErrorCode!)),
        _ => throw new InvalidOperationException($"{fault} has no answer."),
    };
}
