using CodeStream.Integrations.Application.Common.Messaging;

namespace CodeStream.Integrations.Application.Slack.Events.GetInbox;

/// <summary>
/// Operators' view of all durable work (the inbox of Slack events and the outbox of copies into Slack): counts per
/// state and per kind, how long the oldest unfinished item of each lane has waited, and the items in one state
/// (failed ones with their reasons), of one kind when given.
/// </summary>
public sealed record GetInboxQuery(string? State, int Limit = 100, string? Kind = null) : IQuery<InboxDto>;

public sealed record InboxDto(
    IReadOnlyDictionary<string, long> Counts,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Kinds,
    IReadOnlyDictionary<string, double> OldestPendingAgeSeconds,
    string State,
    IReadOnlyList<InboxItemDto> Items);

/// <summary>One item; <see cref="EventId"/> is Slack's event id for events (the dedupe key of other kinds is <see cref="Key"/>).</summary>
public sealed record InboxItemDto(
    string Id,
    string Kind,
    string Lane,
    string Key,
    string? EventId,
    string State,
    int Attempts,
    string? Reason,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt);
