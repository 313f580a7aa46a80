using System.Text.Json;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Slack.Common;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Interactivity.SubmitReplyModal;

/// <summary>Finishes a modal submission whose author took too long to resolve while Slack was waiting.</summary>
internal sealed class ModalReplyWorkHandler(IMediator mediator) : IWorkItemHandler
{
    public string Kind => SlackWorkKinds.SlackModalReply;

    public async Task<WorkOutcome> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        SubmitReplyModalCommand? command;
        try
        {
            command = JsonSerializer.Deserialize<SubmitReplyModalCommand>(item.Payload);
        }
        catch (JsonException)
        {
            command = null;
        }

        if (command is null)
        {
            return WorkOutcome.Failed("unreadable submission");
        }

        var answer = await mediator.Send(command with { Deferred = true }, cancellationToken).ConfigureAwait(false);
        return answer.Posted ? WorkOutcome.Done() : WorkOutcome.Ignored(answer.FieldError!);
    }
}
