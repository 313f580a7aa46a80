namespace CodeStream.Integrations.Infrastructure.Persistence;

/// <summary>Times are stored as Unix milliseconds: one portable column type for both databases.</summary>
internal static class UnixTime
{
    public static long ToMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static long? ToMs(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static DateTimeOffset? FromMs(long? value) => value is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>Microseconds, where two changes within one millisecond must still be ordered (reactions, edits).</summary>
    public static long ToMicroseconds(DateTimeOffset value) => (value - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
}
