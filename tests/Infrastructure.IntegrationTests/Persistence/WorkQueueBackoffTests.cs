using CodeStream.Integrations.Infrastructure.WorkQueue;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Persistence;

/// <summary>Retry delays double from the base, are capped, and no attempt count (however large) overflows them.</summary>
public sealed class WorkQueueBackoffTests
{
    private static readonly WorkQueueOptions Options = new() { RetryBaseDelayMilliseconds = 1000, MaxRetryDelaySeconds = 300 };

    [Theory]
    [InlineData(1, 1000, 1250)]
    [InlineData(2, 2000, 2250)]
    [InlineData(5, 16_000, 16_250)]
    [InlineData(42, 300_000, 300_000)]
    [InlineData(1_000, 300_000, 300_000)]
    [InlineData(int.MaxValue, 300_000, 300_000)]
    [InlineData(0, 1000, 1250)]
    [InlineData(-5, 1000, 1250)]
    public void Backoff_ForAnAttempt_IsExponentialWithJitterAndCapped(int attempts, double atLeastMs, double atMostMs)
    {
        var delay = WorkItemRunner.Backoff(Options, attempts).TotalMilliseconds;

        Assert.InRange(delay, atLeastMs, atMostMs);
    }
}
