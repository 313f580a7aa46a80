using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Slack.Persistence;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Resync.ResyncThreads;

/// <summary>A page of a thread was read: its next cursor (null: the thread is done) and what it added.</summary>
public sealed record RecordResyncPageCommand(string RunId, int Position, string? NextCursor, SlackResyncProgress Progress) : ICommand<Unit>;

/// <summary>Every thread of the run was read.</summary>
public sealed record FinishResyncRunCommand(string RunId, DateTimeOffset At) : ICommand<Unit>;

internal sealed class ResyncCommandHandlers(ISlackResyncRepository resyncs)
    : IRequestHandler<RecordResyncPageCommand, Unit>, IRequestHandler<FinishResyncRunCommand, Unit>
{
    public async Task<Unit> Handle(RecordResyncPageCommand request, CancellationToken cancellationToken)
    {
        await resyncs.RecordPageAsync(request.RunId, request.Position, request.NextCursor, request.Progress, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }

    public async Task<Unit> Handle(FinishResyncRunCommand request, CancellationToken cancellationToken)
    {
        await resyncs.FinishRunAsync(request.RunId, request.At, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
