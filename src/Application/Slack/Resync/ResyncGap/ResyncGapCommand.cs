using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Slack.Persistence;

namespace CodeStream.Integrations.Application.Slack.Resync.ResyncGap;

/// <summary>
/// Nothing was received since <paramref name="Since"/> (a start after downtime, a Socket Mode outage): start one
/// resync of every workspace for that gap, unless one is going. Returns the run, or null when one was going.
/// </summary>
public sealed record ResyncGapCommand(DateTimeOffset Since, string Trigger) : IFlow<SlackResyncRun?>;
