namespace CodeStream.Integrations.Infrastructure.WorkQueue;

/// <summary>One claim of one item: the worker that holds it and the attempt it is (together, the lease token).</summary>
internal sealed record WorkLease(string Id, string WorkerId, int Attempts);

/// <summary>The item's lease lapsed and another worker took it up: this worker's writes for it were rolled back.</summary>
internal sealed class WorkLeaseLostException(string id) : Exception($"The lease on work item {id} was lost; its writes were rolled back.")
{
    public string Id { get; } = id;
}
