using System.Buffers;

namespace CodeStream.Integrations.Application.Slack.Formatting;

/// <summary>Growth for the converters' pooled node arrays.</summary>
internal static class PooledArrays
{
    /// <summary>Swaps <paramref name="array"/> for a pooled one twice its size holding its first <paramref name="count"/> items; the old one goes back to the pool cleared.</summary>
    public static void Grow<T>(ref T[] array, int count)
    {
        var larger = ArrayPool<T>.Shared.Rent(array.Length * 2);
        array.AsSpan(0, count).CopyTo(larger);
        ArrayPool<T>.Shared.Return(array, clearArray: true);
        array = larger;
    }
}
