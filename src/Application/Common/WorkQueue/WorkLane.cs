namespace CodeStream.Integrations.Application.Common.WorkQueue;

/// <summary>
/// Lanes are drained side by side, each with its own share of the workers: a burst in one never starves the other.
/// </summary>
public enum WorkLane
{
    /// <summary>Bulk work whose delay nobody watches, e.g. events delivered by a provider.</summary>
    Background,

    /// <summary>Work a person is waiting for: a share, a reply copied into a thread, a reply from a modal.</summary>
    UserFacing,
}
