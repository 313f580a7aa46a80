namespace CodeStream.Integrations.Application.Common.WorkQueue;

/// <summary>Wakes the processor when work was just stored, so it need not wait for its next poll.</summary>
public interface IWorkQueueSignal
{
    void Notify();
}
