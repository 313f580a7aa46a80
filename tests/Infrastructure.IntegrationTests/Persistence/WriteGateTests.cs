using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Persistence;

public sealed class WriteGateTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Enter_WhenFree_ReturnsAtOnce_AndTheNextWriterWaitsUntilExit()
    {
        var gate = new WriteGate(Long);
        await gate.EnterAsync(WritePriority.Normal, CancellationToken.None);

        var second = gate.EnterAsync(WritePriority.Normal, CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        gate.Exit();
        await second.WaitAsync(Long);
        gate.Exit();
    }

    [Fact]
    public async Task Exit_HandsTheGateToUrgentWritersFirst_ThenInArrivalOrder()
    {
        var gate = new WriteGate(Long);
        await gate.EnterAsync(WritePriority.Normal, CancellationToken.None);
        var order = new List<string>();

        async Task WriterAsync(string name, WritePriority priority)
        {
            await gate.EnterAsync(priority, CancellationToken.None);
            lock (order)
            {
                order.Add(name);
            }

            gate.Exit();
        }

        var writers = new List<Task>
        {
            WriterAsync("normal-1", WritePriority.Normal),
            WriterAsync("normal-2", WritePriority.Normal),
            WriterAsync("urgent-1", WritePriority.Urgent),
            WriterAsync("urgent-2", WritePriority.Urgent),
        };
        gate.Exit();
        await Task.WhenAll(writers).WaitAsync(Long);

        Assert.Equal(["urgent-1", "urgent-2", "normal-1", "normal-2"], order);
    }

    [Fact]
    public async Task Enter_WhenCancelledWhileWaiting_LeavesTheQueue_AndOthersStillGetTheGate()
    {
        var gate = new WriteGate(Long);
        await gate.EnterAsync(WritePriority.Normal, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(WritePriority.Urgent, cancel.Token).AsTask();
        var next = gate.EnterAsync(WritePriority.Normal, CancellationToken.None).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        gate.Exit();

        await next.WaitAsync(Long);
        gate.Exit();
        await gate.EnterAsync(WritePriority.Normal, CancellationToken.None).AsTask().WaitAsync(Long); // Free again.
    }

    [Fact]
    public async Task Enter_WhenTheHolderNeverLeaves_TimesOutWithAReason_AndDoesNotTakeTheGateLater()
    {
        var gate = new WriteGate(TimeSpan.FromMilliseconds(100));
        await gate.EnterAsync(WritePriority.Normal, CancellationToken.None);

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => gate.EnterAsync(WritePriority.Normal, CancellationToken.None).AsTask());
        Assert.Contains("another writer", timeout.Message, StringComparison.Ordinal);

        gate.Exit(); // The timed-out waiter left the queue: the gate is free, not handed to it.
        await gate.EnterAsync(WritePriority.Normal, CancellationToken.None).AsTask().WaitAsync(Long);
    }

    [Fact]
    public async Task None_NeverWaits()
    {
        await WriteGate.None.EnterAsync(WritePriority.Normal, CancellationToken.None);
        var second = WriteGate.None.EnterAsync(WritePriority.Normal, CancellationToken.None);
        Assert.True(second.IsCompleted);
        WriteGate.None.Exit();
    }

    [Fact]
    public async Task ManyWriters_EachHoldTheGateAlone()
    {
        var gate = new WriteGate(Long);
        var inside = 0;
        var overlaps = 0;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            for (var n = 0; n < 50; n++)
            {
                await gate.EnterAsync(i % 4 == 0 ? WritePriority.Urgent : WritePriority.Normal, CancellationToken.None);
                if (Interlocked.Increment(ref inside) != 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                await Task.Yield();
                Interlocked.Decrement(ref inside);
                gate.Exit();
            }
        }))).WaitAsync(Long);

        Assert.Equal(0, overlaps);
    }
}
