using CodeStream.Integrations.Application.Common.Messaging;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.RetryFailedInbox;

/// <summary>Operators send failed inbox items round again (after Slack or the database came back). Returns how many.</summary>
public sealed record RetryFailedInboxCommand : ICommand<int>;
