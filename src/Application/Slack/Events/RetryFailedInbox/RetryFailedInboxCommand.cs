using CodeStream.Integrations.Application.Common.Messaging;

namespace CodeStream.Integrations.Application.Slack.Events.RetryFailedInbox;

/// <summary>
/// Operators send failed work round again (after Slack or the database came back): every kind, one kind, or one
/// item. Returns how many.
/// </summary>
public sealed record RetryFailedInboxCommand(string? Kind = null, string? Id = null) : ICommand<int>;
