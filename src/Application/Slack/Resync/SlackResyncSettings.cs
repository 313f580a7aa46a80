namespace CodeStream.Integrations.Application.Slack.Resync;

/// <summary>
/// <c>slack:resync</c>: which threads are read again, how fast, and when the host starts a resync by itself.
/// The defaults suit Slack's Tier 3 (about 50 calls a minute); commercially distributed apps outside the Marketplace
/// have since 2025 one call a minute and 15 messages a page.
/// </summary>
public sealed record SlackResyncSettings
{
    public const string SectionName = "slack:resync";

    /// <summary>Threads of shares shared or replied to within this window are read (14 days).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(14);

    /// <summary>A host that was not receiving for longer than this (last event or heartbeat) resyncs at start-up.</summary>
    public TimeSpan Gap { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary><c>conversations.replies</c> calls per minute, per run (each run reads one page at a time).</summary>
    public int CallsPerMinute { get; init; } = 50;

    /// <summary>Messages per page (<c>limit</c>).</summary>
    public int PageSize { get; init; } = 200;

    /// <summary>The wait between two pages that keeps a run within <see cref="CallsPerMinute"/>.</summary>
    public TimeSpan Pace => TimeSpan.FromSeconds(60.0 / Math.Max(1, CallsPerMinute));
}
