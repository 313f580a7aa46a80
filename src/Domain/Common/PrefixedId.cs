using System.Buffers;

namespace CodeStream.Integrations.Domain.Common;

/// <summary>Shared rules for CodeStream ids: <c>{prefix}_{letters or digits}</c>, at most 64 characters.</summary>
public static class PrefixedId
{
    public const int MaxLength = 64;

    private static readonly SearchValues<char> AllowedBody =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    public static bool IsValid(string? value, string prefix)
    {
        if (value is null || value.Length > MaxLength || value.Length <= prefix.Length + 1)
        {
            return false;
        }

        return value.StartsWith(prefix, StringComparison.Ordinal)
            && value[prefix.Length] == '_'
            && !value.AsSpan(prefix.Length + 1).ContainsAnyExcept(AllowedBody);
    }

    private static long _lastMilliseconds;

    /// <summary>
    /// A new time-ordered id (UUID v7 without dashes) for <paramref name="at"/>, the caller's clock: index-friendly,
    /// and strictly increasing within this process — two ids of the same millisecond still sort in creation order
    /// (the clock part moves on by one).
    /// </summary>
    public static string New(string prefix, DateTimeOffset at)
    {
        var now = at.ToUnixTimeMilliseconds();
        long last, next;
        do
        {
            last = Interlocked.Read(ref _lastMilliseconds);
            next = Math.Max(now, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastMilliseconds, next, last) != last);

        return $"{prefix}_{Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(next)):N}";
    }

    public static string Require(string? value, string prefix, string name) =>
        IsValid(value, prefix)
            ? value!
            : throw new DomainException($"'{value}' is not a valid {name} id (expected '{prefix}_' followed by letters or digits).");
}
