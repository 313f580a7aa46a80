namespace CodeStream.Integrations.Infrastructure.WorkQueue;

/// <summary>This process's name on the leases it holds: unique per start, so a restarted host never mistakes a dead one's claims for its own.</summary>
internal sealed class WorkerIdentity
{
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
}
