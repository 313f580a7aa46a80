using System.Runtime.InteropServices;

namespace CodeStream.Integrations.Web.Hosting;

/// <summary>
/// The standalone host gives memory back once a burst is over. While work pours in the GC keeps the heap it grew (and
/// glibc keeps its threads' arenas), so a host that drained 100,000 events stayed tens of MiB above its idle size until
/// the next burst. When busy intervals (each allocating at least <see cref="QuietBytes"/>) have added up to
/// <see cref="BurstBytes"/> since the last trim and then one <see cref="Interval"/> is quiet (<see cref="QuietAfterBurst"/>),
/// one aggressive full collection returns the free heap, and <c>malloc_trim</c> the free
/// native pages. Never while busy: a quiet interval allocates almost nothing, so the pause (milliseconds) meets no load.
/// Off with <c>host:trimMemoryWhenIdle=false</c>; an embedding host leaves its own GC alone (this is not registered there).
/// </summary>
internal sealed partial class IdleMemoryTrim(ILogger<IdleMemoryTrim> logger) : BackgroundService
{
    public const string EnabledKey = "host:trimMemoryWhenIdle";

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private const long BurstBytes = 256L << 20;
    private const long QuietBytes = 8L << 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        var quietAfterBurst = new QuietAfterBurst(BurstBytes, QuietBytes, GC.GetTotalAllocatedBytes());
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (quietAfterBurst.Observe(GC.GetTotalAllocatedBytes()))
                {
                    Trim();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Trim()
    {
        var before = Environment.WorkingSet;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (OperatingSystem.IsLinux())
        {
            try
            {
                _ = NativeMethods.malloc_trim(0);
            }
            catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
            {
                // Not glibc (musl has no malloc_trim): the managed heap was trimmed all the same.
            }
        }

        LogTrimmed(logger, before >> 20, Environment.WorkingSet >> 20);
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Quiet after a burst: memory trimmed from {BeforeMiB} MiB to {AfterMiB} MiB resident")]
    private static partial void LogTrimmed(ILogger logger, long beforeMiB, long afterMiB);

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for a call this plain
        [DllImport("libc", EntryPoint = "malloc_trim")]
        internal static extern int malloc_trim(nuint pad);
#pragma warning restore SYSLIB1054
    }
}
