using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Slack.Common;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.AcceptSlackEvent;

/// <summary>Returns <c>true</c> when stored now, <c>false</c> for a redelivery of an event already in the inbox.</summary>
internal sealed class AcceptSlackEventHandler(IWorkItemWriter writer) : IRequestHandler<AcceptSlackEventCommand, bool>
{
    public Task<bool> Handle(AcceptSlackEventCommand request, CancellationToken cancellationToken) =>
        writer.WriteAsync(new NewWorkItem(SlackWorkKinds.SlackEvent, request.EventId, request.RawJson), cancellationToken);
}
