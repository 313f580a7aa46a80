using Microsoft.Extensions.Caching.Memory;

namespace CodeStream.Integrations.Infrastructure.Persistence;

/// <summary>
/// A bounded, expiring cache of rows read on every event (a workspace's bot, a shared thread) so the hot path does not
/// query for them each time. Only found rows are kept. This process's own changes go through <see cref="ChangeAsync"/>;
/// other hosts' changes are seen once the entry expires.
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

            // A removal between that check and the Set ran before there was anything to remove: look again, or this
            // host would serve the old row for the entry's whole lifetime. (One after this look removes the entry itself.)
            if (Interlocked.Read(ref _removals) != removalsBefore)
            {
                _cache.Remove(key);
            }
        }

        return loaded;
    }

    public void Remove(TKey key)
    {
        Changed();
        _cache.Remove(key);
    }

    /// <summary>
    /// Runs <paramref name="write"/>, a change in <paramref name="session"/> to what is cached under <paramref name="key"/>:
    /// the entry goes before it, so no read in flight keeps the old row, and again once the write is committed (at once
    /// when there is no transaction), so none read in between outlives it.
    /// </summary>
    public async Task<T> ChangeAsync<T>(DbSession session, TKey key, Func<Task<T>> write)
    {
        Remove(key);
        var result = await write().ConfigureAwait(false);
        session.OnCommitted(() => Remove(key));
        return result;
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
