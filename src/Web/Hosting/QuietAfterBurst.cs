namespace CodeStream.Integrations.Web.Hosting;

/// <summary>
/// Tells, from the process's running total of allocated bytes sampled once per interval, when a burst is over: busy
/// intervals (each allocating at least <paramref name="quietBytes"/>) that together allocated <paramref name="burstBytes"/>
/// since the last time it said so, then one quiet interval. It says so once per burst; light traffic that never has a
/// busy interval never adds up to one.
/// </summary>
internal sealed class QuietAfterBurst(long burstBytes, long quietBytes, long allocatedAtStart)
{
    private long _last = allocatedAtStart;
    private long _busyBytes;

    public bool Observe(long totalAllocated)
    {
        var inInterval = totalAllocated - _last;
        _last = totalAllocated;
        if (inInterval >= quietBytes)
        {
            _busyBytes += inInterval;
            return false;
        }

        if (_busyBytes < burstBytes)
        {
            return false;
        }

        _busyBytes = 0;
        return true;
    }
}
