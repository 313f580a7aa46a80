using System.Globalization;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>Slack message timestamps, <c>seconds.micros</c>, as ordered integers of microseconds.</summary>
internal static class SlackTs
{
    public static string Format(long micros) =>
        string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000_000}.{micros % 1_000_000:D6}");

    public static bool TryParse(string? ts, out long micros)
    {
        micros = 0;
        if (ts is null)
        {
            return false;
        }

        var parts = ts.Split('.');
        if (parts.Length != 2 || parts[1].Length != 6
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var fraction))
        {
            return false;
        }

        micros = (seconds * 1_000_000) + fraction;
        return true;
    }

    public static int Compare(string left, string right) =>
        TryParse(left, out var l) && TryParse(right, out var r) ? l.CompareTo(r) : string.CompareOrdinal(left, right);
}
