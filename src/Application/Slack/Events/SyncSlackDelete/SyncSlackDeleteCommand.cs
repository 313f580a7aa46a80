using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.WorkQueue;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.SyncSlackDelete;

/// <summary>A <c>message_deleted</c> event: the synced reply is soft-deleted; a deleted root ends the share.</summary>
public sealed record SyncSlackDeleteCommand(string SlackTeamId, SlackEventBody Event) : ICommand<WorkOutcome>;
