using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Support;

/// <summary>
/// Runs the same write from several sessions at once, as concurrent requests of several hosts would: each session
/// opens its connection first, then all are released together.
/// </summary>
internal static class Concurrently
{
    public const int Sessions = 8;

    public static async Task<bool[]> RunAsync(TestDatabase database, bool inUnitOfWork, Func<DbSession, Task<bool>> write)
    {
        using var ready = new CountdownEvent(Sessions);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var sessions = Enumerable.Range(0, Sessions).Select(_ => Task.Run(async () =>
        {
            await using var session = new DbSession(database.Factory);
            await session.ConnectionAsync(CancellationToken.None);
            ready.Signal();
            await go.Task;
            if (!inUnitOfWork)
            {
                return await write(session);
            }

            await session.BeginAsync(CancellationToken.None);
            var written = await write(session);
            await session.CommitAsync(CancellationToken.None);
            return written;
        })).ToArray();

        await Task.Run(() => ready.Wait(TimeSpan.FromSeconds(30)));
        go.SetResult();
        return await Task.WhenAll(sessions);
    }
}
