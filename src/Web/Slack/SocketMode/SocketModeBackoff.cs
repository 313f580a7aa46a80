namespace CodeStream.Integrations.Web.Slack.SocketMode;

/// <summary>
/// Waits between connection attempts: 1 s doubling to 30 s, each drawn from its upper half, so hosts that lost the
/// network together do not come back in step, and a dead network costs one attempt per 15–30 s, not a spinning CPU.
/// </summary>
internal static class SocketModeBackoff
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    public static TimeSpan Delay(int failures)
    {
        var ceiling = failures >= 5 ? Cap : TimeSpan.FromTicks(Math.Min(Cap.Ticks, First.Ticks << failures));
        return ceiling / 2 + TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * (ceiling.Ticks / 2)));
    }

    /// <summary>Up to a second more after a Retry-After, so connections paused together do not retry together.</summary>
    public static TimeSpan Jitter() => TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000));
}
