using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Events.IngestThreadReply;
using CodeStream.Integrations.Application.Slack.Events.RevokeSlackTokens;
using CodeStream.Integrations.Application.Slack.Events.SyncSlackDelete;
using CodeStream.Integrations.Application.Slack.Events.SyncSlackEdit;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events;

/// <summary>
/// Decides what an inbox item is (docs/slack-behaviour.md, “Thread events”) and hands it to its use case. Our own messages (this app's bot or app id
/// anywhere in the event) and everything that isn't a thread message, edit, delete or token event are ignored, with
/// the reason kept on the item.
/// </summary>
internal sealed class SlackEventWorkHandler(IMediator mediator, SlackSettings settings) : IWorkItemHandler
{
    public string Kind => SlackWorkKinds.SlackEvent;

    public async Task<WorkOutcome> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var envelope = SlackEnvelope.TryParse(item.Payload);
        if (envelope?.Event is not { } e || envelope.TeamId is null)
        {
            return WorkOutcome.Ignored("not-an-event-envelope");
        }

        if (settings.Disabled)
        {
            return WorkOutcome.Ignored("slack-disabled");
        }

        switch (e.Type)
        {
            case "tokens_revoked":
                return await mediator.Send(new RevokeSlackTokensCommand(envelope.TeamId, envelope.ApiAppId, envelope.EventTime, e.RevokedUserIds, e.RevokedBotIds, AllTokens: false), cancellationToken).ConfigureAwait(false);
            case "app_uninstalled":
                return await mediator.Send(new RevokeSlackTokensCommand(envelope.TeamId, envelope.ApiAppId, envelope.EventTime, [], [], AllTokens: true), cancellationToken).ConfigureAwait(false);
            case "message":
                break;
            default:
                return WorkOutcome.Ignored($"event-type:{e.Type ?? "none"}");
        }

        if (IsOurs(e) || IsOurs(e.Message) || IsOurs(e.PreviousMessage))
        {
            return WorkOutcome.Ignored("own-message");
        }

        return e.Subtype switch
        {
            null or "file_share" or "thread_broadcast" =>
                await mediator.Send(new IngestThreadReplyCommand(envelope.TeamId, e), cancellationToken).ConfigureAwait(false),
            "message_changed" =>
                await mediator.Send(new SyncSlackEditCommand(envelope.TeamId, e, item.Attempts), cancellationToken).ConfigureAwait(false),
            "message_deleted" =>
                await mediator.Send(new SyncSlackDeleteCommand(envelope.TeamId, e), cancellationToken).ConfigureAwait(false),
            _ => WorkOutcome.Ignored($"message-subtype:{e.Subtype}"),
        };
    }

    private bool IsOurs(SlackEventBody? e) =>
        e is not null
        && settings.AppId is { Length: > 0 } appId && e.AppId == appId;
}
