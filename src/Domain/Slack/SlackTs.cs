using CodeStream.Integrations.Domain.Common;

namespace CodeStream.Integrations.Domain.Slack;

/// <summary>A Slack message timestamp: <c>digits.digits</c>, e.g. <c>1763889000.000100</c>; unique per channel.</summary>
public readonly record struct SlackTs
{
    private const long MaxUnixSeconds = 253_402_300_799;

    private SlackTs(string value) => Value = value;

    public string Value { get; }

    public static SlackTs Parse(string? value) =>
        TryParse(value, out var ts) ? ts : throw new DomainException($"'{value}' is not a Slack ts (expected digits.digits).");

    public static bool TryParse(string? value, out SlackTs ts)
    {
        ts = default;
        if (string.IsNullOrEmpty(value) || value.Length > 32)
        {
            return false;
        }

        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == value.Length - 1 || !AllDigits(value.AsSpan(0, dot)) || !AllDigits(value.AsSpan(dot + 1)))
        {
            return false;
        }

        // The seconds must be a moment DateTimeOffset can hold (up to the year 9999).
        if (dot > 12 || long.Parse(value.AsSpan(0, dot), provider: System.Globalization.CultureInfo.InvariantCulture) > MaxUnixSeconds)
        {
            return false;
        }

        ts = new SlackTs(value);
        return true;
    }

    /// <summary>Microseconds since the epoch (Slack's ts is seconds.microseconds): orders two Slack moments exactly.</summary>
    public long ToUnixMicroseconds()
    {
        var dot = Value.IndexOf('.', StringComparison.Ordinal);
        var seconds = long.Parse(Value.AsSpan(0, dot), provider: System.Globalization.CultureInfo.InvariantCulture);
        var fraction = Value.AsSpan(dot + 1);
        var micros = 0L;
        for (var i = 0; i < 6; i++)
        {
            micros = (micros * 10) + (i < fraction.Length ? fraction[i] - '0' : 0);
        }

        return (seconds * 1_000_000) + micros;
    }

    /// <summary>Whether this moment is later than <paramref name="other"/>.</summary>
    public bool IsAfter(SlackTs other) => ToUnixMicroseconds() > other.ToUnixMicroseconds();

    /// <summary>The moment the message was posted, to the millisecond (Slack's ts is seconds.microseconds).</summary>
    public DateTimeOffset ToDateTimeOffset()
    {
        var dot = Value.IndexOf('.', StringComparison.Ordinal);
        var seconds = long.Parse(Value.AsSpan(0, dot), provider: System.Globalization.CultureInfo.InvariantCulture);
        var fraction = Value.AsSpan(dot + 1);
        var millis = 0;
        for (var i = 0; i < 3; i++)
        {
            millis = (millis * 10) + (i < fraction.Length ? fraction[i] - '0' : 0);
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds).AddMilliseconds(millis);
    }

    public override string ToString() => Value;

    private static bool AllDigits(ReadOnlySpan<char> span) => !span.ContainsAnyExceptInRange('0', '9');
}
