using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Events.RenameSlackChannel;
using CodeStream.Integrations.Application.Slack.Events.RevokeSlackTokens;
using CodeStream.Integrations.Application.Slack.Events.SyncSlackReaction;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events;

/// <summary>
/// Decides what an inbox item is (docs/slack-behaviour.md, “Thread events”) and hands it to its use case. Our own messages (this app's bot or app id
/// anywhere in the event) and everything that isn't a thread message, edit, delete or token event are ignored, with
/// the reason kept on the item. Reactions and channel renames go to their own use cases.
/// </summary>
internal sealed class SlackEventWorkHandler(IMediator mediator, SlackMessageDispatcher messages, SlackSettings settings) : IWorkItemHandler
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
            case SyncSlackReactionCommand.Added or SyncSlackReactionCommand.Removed:
                return await mediator.Send(new SyncSlackReactionCommand(envelope.TeamId, e), cancellationToken).ConfigureAwait(false);
            case "channel_rename" or "group_rename":
                return await mediator.Send(new RenameSlackChannelCommand(envelope.TeamId, e), cancellationToken).ConfigureAwait(false);
            case "message":
                break;
            default:
                return WorkOutcome.Ignored($"event-type:{e.Type ?? "none"}");
        }

        return await messages.DispatchAsync(envelope.TeamId, e, item.Attempts, cancellationToken).ConfigureAwait(false);
    }
}
