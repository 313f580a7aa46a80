namespace CodeStream.Integrations.Web.Hosting;

/// <summary>
/// Tells, from the process's running total of allocated bytes sampled once per interval, when a burst is over: at
/// least <paramref name="burstBytes"/> allocated since the last time it said so, then one interval with less than
/// <paramref name="quietBytes"/>. It says so once per burst.
/// </summary>
internal sealed class QuietAfterBurst(long burstBytes, long quietBytes, long allocatedAtStart)
{
    private long _last = allocatedAtStart;
    private long _sinceLastQuiet;

    public bool Observe(long totalAllocated)
    {
        var inInterval = totalAllocated - _last;
        _last = totalAllocated;
        _sinceLastQuiet += inInterval;
        if (_sinceLastQuiet < burstBytes || inInterval >= quietBytes)
        {
            return false;
        }

        _sinceLastQuiet = 0;
        return true;
    }
}
