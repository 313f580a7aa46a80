using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.WorkQueue;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.SyncSlackEdit;

/// <summary>A <c>message_changed</c> event: the synced reply's text follows the Slack message's.</summary>
public sealed record SyncSlackEditCommand(string SlackTeamId, SlackEventBody Event, int Attempt) : IFlow<WorkOutcome>;
