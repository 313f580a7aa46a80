using Microsoft.Extensions.Caching.Memory;

namespace CodeStream.Integrations.Application.Slack.Identity;

/// <summary>
/// Who Slack users are, kept briefly because every reply asks (its author, the people it mentions): Slack profiles
/// (<c>users.info</c> is rate-limited) and the CodeStream users they resolved to. Bounded and expiring; concurrent
/// lookups of one key share one load, and a failed load is not kept. A Slack identity linked or merged in this process
/// makes every resolution stale at once (<see cref="PeopleChanged"/>); elsewhere it is seen when entries expire.
/// </summary>
internal sealed class SlackPeopleCache : IDisposable
{
    private static readonly TimeSpan ProfileLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ResolutionLifetime = TimeSpan.FromSeconds(60);
    private readonly MemoryCache _cache;
    private long _generation;

    public SlackPeopleCache(TimeProvider clock)
    {
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 20_000, Clock = new ClockAdapter(clock) });
    }

    /// <summary>A Slack profile (what <paramref name="load"/> asks Slack) per workspace and user.</summary>
    public Task<T> ProfileAsync<T>(string slackTeamId, string slackUserId, Func<Task<T>> load) =>
        GetOrLoadAsync(("profile", slackTeamId, slackUserId, 0L), ProfileLifetime, load);

    /// <summary>
    /// What a Slack user resolves to in a CodeStream team, for <paramref name="purpose"/> (author, mention). Unlike
    /// profiles, a resolution runs in the caller's scope (it reads and may write the database), so concurrent misses
    /// each resolve; only the result is shared.
    /// </summary>
    public async Task<T> ResolutionAsync<T>(string purpose, string teamId, string slackTeamId, string slackUserId, Func<Task<T>> load)
    {
        var generation = Interlocked.Read(ref _generation);
        var key = (purpose + ":" + teamId, slackTeamId, slackUserId, generation);
        if (_cache.TryGetValue(key, out Resolved<T>? known))
        {
            return known!.Value;
        }

        var value = await load().ConfigureAwait(false);
        if (Interlocked.Read(ref _generation) == generation)
        {
            _cache.Set(key, new Resolved<T>(value), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = ResolutionLifetime });
        }

        return value;
    }

    /// <summary>A link between a Slack user and a CodeStream user was made or moved: resolutions are stale.</summary>
    public void PeopleChanged() => Interlocked.Increment(ref _generation);

    public void Dispose() => _cache.Dispose();

    private async Task<T> GetOrLoadAsync<T>((string, string, string, long) key, TimeSpan lifetime, Func<Task<T>> load)
    {
        var entry = _cache.GetOrCreate(key, e =>
        {
            e.Size = 1;
            e.AbsoluteExpirationRelativeToNow = lifetime;
            return new Lazy<Task<T>>(load);
        })!;
        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            _cache.Remove(key);
            throw;
        }
    }

    private sealed record Resolved<T>(T Value);

#pragma warning disable CS0618 // ISystemClock is what MemoryCacheOptions still takes for a clock.
    private sealed class ClockAdapter(TimeProvider clock) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
#pragma warning restore CS0618
}
