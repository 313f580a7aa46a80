using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using MediatR;

namespace CodeStream.Integrations.Application.Core.Changes;

public enum DiscussionChange
{
    Added,
    Edited,
    Deleted,
}

/// <summary>
/// A reply was added, edited or deleted. Published inside the command's unit of work, so whatever a messaging module
/// records for it (an outbox) commits with the change or not at all. A reply written in a messaging tool's thread
/// names it (<see cref="FromThread"/>, the module's own id for it): that thread has the original and needs no copy.
/// </summary>
public sealed record ReplyChanged(Post Reply, DiscussionChange Change, DateTimeOffset At, string? FromThread = null) : INotification;

/// <summary>A codemark was edited or deleted in CodeStream; published like <see cref="ReplyChanged"/>.</summary>
public sealed record CodemarkChanged(Codemark Codemark, DiscussionChange Change, DateTimeOffset At) : INotification;
