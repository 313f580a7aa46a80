using CodeStream.Integrations.Web.Hosting;

namespace CodeStream.Integrations.Web.FunctionalTests.Operability;

/// <summary>When the standalone host gives memory back (IdleMemoryTrim): once a burst is over, never during one.</summary>
public sealed class QuietAfterBurstTests
{
    private const long MiB = 1 << 20;

    [Fact]
    public void SaysSo_OnTheFirstQuietInterval_AfterABurst_AndOnlyOnce()
    {
        var policy = new QuietAfterBurst(burstBytes: 256 * MiB, quietBytes: 8 * MiB, allocatedAtStart: 1_000 * MiB);

        Assert.False(policy.Observe(1_200 * MiB)); // busy
        Assert.False(policy.Observe(1_400 * MiB)); // still busy, the burst's 400 MiB now exceeds the threshold
        Assert.True(policy.Observe(1_402 * MiB));  // quiet: trim
        Assert.False(policy.Observe(1_403 * MiB)); // still quiet, but nothing was allocated since the trim
    }

    [Fact]
    public void NeverSaysSo_WhileWorkKeepsAllocating_OrWhenIdleAllAlong()
    {
        var busy = new QuietAfterBurst(256 * MiB, 8 * MiB, 0);
        var idle = new QuietAfterBurst(256 * MiB, 8 * MiB, 0);

        for (var interval = 1; interval <= 100; interval++)
        {
            Assert.False(busy.Observe(interval * 50 * MiB));
            Assert.False(idle.Observe(interval * MiB)); // 100 MiB in all: never a burst
        }
    }

    [Fact]
    public void NeverSaysSo_ForLightTrafficThatNeverHasABusyInterval_HoweverLongItRuns()
    {
        var light = new QuietAfterBurst(256 * MiB, 8 * MiB, 0);
        for (var interval = 1; interval <= 1_000; interval++)
        {
            Assert.False(light.Observe(interval * 7 * MiB)); // 7 GiB in all, never 8 MiB in one interval
        }
    }

    [Fact]
    public void ABurstSpreadOverQuietIntervals_CountsOnce_ItIsWhole()
    {
        var policy = new QuietAfterBurst(256 * MiB, 8 * MiB, 0);
        var total = 0L;
        for (var interval = 0; interval < 31; interval++)
        {
            total += 9 * MiB; // steady traffic just above "quiet": 279 MiB after 31 intervals
            Assert.False(policy.Observe(total));
        }

        Assert.True(policy.Observe(total + MiB));
    }
}
