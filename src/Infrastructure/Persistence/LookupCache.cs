using Microsoft.Extensions.Caching.Memory;

namespace CodeStream.Integrations.Infrastructure.Persistence;

/// <summary>
/// A bounded, expiring cache of rows read on every event (a workspace's bot, a shared thread) so the hot path does not
/// query for them each time. Only found rows are kept. <see cref="Remove"/> is for this process's own changes (call it
/// before and after the commit); other hosts' changes are seen once the entry expires.
/// </summary>
internal sealed class LookupCache<TKey, TValue> : IDisposable
    where TKey : notnull
    where TValue : class
{
    private readonly MemoryCache _cache;
    private readonly TimeSpan _lifetime;
    private long _removals;

    public LookupCache(TimeProvider clock, TimeSpan lifetime, int capacity)
    {
        _lifetime = lifetime;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = capacity, Clock = new ClockAdapter(clock) });
    }

    public async Task<TValue?> GetOrLoadAsync(TKey key, Func<Task<TValue?>> load)
    {
        if (_cache.TryGetValue(key, out TValue? cached))
        {
            return cached;
        }

        var removalsBefore = Interlocked.Read(ref _removals);
        var loaded = await load().ConfigureAwait(false);

        // A removal while we read may concern what we read: don't keep it.
        if (loaded is not null && Interlocked.Read(ref _removals) == removalsBefore)
        {
            _cache.Set(key, loaded, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _lifetime });
        }

        return loaded;
    }

    public void Remove(TKey key)
    {
        Changed();
        _cache.Remove(key);
    }

    /// <summary>Something cached may be stale now (the caller keys entries so it is never served): reads in flight are not kept.</summary>
    public void Changed() => Interlocked.Increment(ref _removals);

    public void Dispose() => _cache.Dispose();

#pragma warning disable CS0618 // ISystemClock is what MemoryCacheOptions still takes for a clock.
    private sealed class ClockAdapter(TimeProvider clock) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
#pragma warning restore CS0618
}
