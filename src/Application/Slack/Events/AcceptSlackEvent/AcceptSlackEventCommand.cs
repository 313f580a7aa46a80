using CodeStream.Integrations.Application.Common.Messaging;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.AcceptSlackEvent;

/// <summary>
/// A verified <c>event_callback</c> envelope: stored in the inbox (unique on <see cref="EventId"/>) before Slack gets its
/// 200. The raw JSON is kept as received; processing happens later, in the background.
/// </summary>
public sealed record AcceptSlackEventCommand(string EventId, string RawJson) : IFlow<bool>, ILogContext
{
    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?> { ["EventId"] = EventId };
}
