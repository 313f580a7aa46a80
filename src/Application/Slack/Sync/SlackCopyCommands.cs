using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Sync;

/// <summary>Records the copy the bot just posted into a thread, so its echo is ignored and a rerun posts no twin.</summary>
public sealed record RecordSlackCopyCommand(SlackMessageCopy Copy) : ICommand<bool>;

/// <summary>Records that a shared card is gone from Slack (deleted there, or by us).</summary>
public sealed record MarkShareDeletedCommand(SlackTeamId SlackTeamId, SlackChannelId ChannelId, SlackTs Ts, DateTimeOffset At) : ICommand<Unit>;

internal sealed class SlackCopyCommandHandlers(ISlackShareRepository shares)
    : IRequestHandler<RecordSlackCopyCommand, bool>, IRequestHandler<MarkShareDeletedCommand, Unit>
{
    public Task<bool> Handle(RecordSlackCopyCommand request, CancellationToken cancellationToken) =>
        shares.TryAddMessageCopyAsync(request.Copy, cancellationToken);

    public async Task<Unit> Handle(MarkShareDeletedCommand request, CancellationToken cancellationToken)
    {
        await shares.MarkShareDeletedAsync(request.SlackTeamId, request.ChannelId, request.Ts, request.At, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
