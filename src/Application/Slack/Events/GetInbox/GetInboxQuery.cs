using CodeStream.Integrations.Application.Common.Messaging;

namespace CodeStream.Integrations.Application.Slack.Events.GetInbox;

/// <summary>Operators' view of the Slack inbox: counts per state and the items in one state (failed ones with reasons).</summary>
public sealed record GetInboxQuery(string? State, int Limit = 100) : IQuery<InboxDto>;

public sealed record InboxDto(IReadOnlyDictionary<string, long> Counts, string State, IReadOnlyList<InboxItemDto> Items);

public sealed record InboxItemDto(string Id, string EventId, string State, int Attempts, string? Reason, DateTimeOffset ReceivedAt, DateTimeOffset UpdatedAt);
