using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Events.IngestThreadReply;
using CodeStream.Integrations.Application.Slack.Events.SyncSlackDelete;
using CodeStream.Integrations.Application.Slack.Events.SyncSlackEdit;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events;

/// <summary>
/// What a Slack message event means, whether it came as an event (<see cref="SlackEventWorkHandler"/>) or was found
/// later in its thread (the resync): our own messages are ignored; a reply, an edit or a delete goes to its use case.
/// </summary>
internal sealed class SlackMessageDispatcher(IMediator mediator, SlackSettings settings)
{
    public async Task<WorkOutcome> DispatchAsync(string slackTeamId, SlackEventBody message, int attempt, CancellationToken cancellationToken)
    {
        if (IsOurs(message) || IsOurs(message.Message) || IsOurs(message.PreviousMessage))
        {
            return WorkOutcome.Ignored("own-message");
        }

        return message.Subtype switch
        {
            null or "file_share" or "thread_broadcast" =>
                await mediator.Send(new IngestThreadReplyCommand(slackTeamId, message), cancellationToken).ConfigureAwait(false),
            "message_changed" =>
                await mediator.Send(new SyncSlackEditCommand(slackTeamId, message, attempt), cancellationToken).ConfigureAwait(false),
            "message_deleted" =>
                await mediator.Send(new SyncSlackDeleteCommand(slackTeamId, message), cancellationToken).ConfigureAwait(false),
            _ => WorkOutcome.Ignored($"message-subtype:{message.Subtype}"),
        };
    }

    private bool IsOurs(SlackEventBody? e) =>
        e is not null
        && settings.AppId is { Length: > 0 } appId && e.AppId == appId;
}
