using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.WorkQueue;

namespace CodeStream.Integrations.Application.Slack.Events.SyncSlackReaction;

/// <summary><c>reaction_added</c> / <c>reaction_removed</c>: a reaction on a shared card or a synced reply follows into CodeStream.</summary>
public sealed record SyncSlackReactionCommand(string SlackTeamId, SlackEventBody Event) : IFlow<WorkOutcome>
{
    public const string Added = "reaction_added";
    public const string Removed = "reaction_removed";
}
