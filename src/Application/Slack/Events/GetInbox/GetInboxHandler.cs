using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Slack.Common;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.GetInbox;

internal sealed class GetInboxHandler(IWorkQueue queue) : IRequestHandler<GetInboxQuery, InboxDto>
{
    public async Task<InboxDto> Handle(GetInboxQuery request, CancellationToken cancellationToken)
    {
        var state = request.State is null ? WorkItemState.Failed : Enum.Parse<WorkItemState>(request.State, ignoreCase: true);
        var counts = await queue.CountByStateAsync(SlackWorkKinds.SlackEvent, cancellationToken).ConfigureAwait(false);
        var items = await queue.ListAsync(SlackWorkKinds.SlackEvent, state, request.Limit, cancellationToken).ConfigureAwait(false);
        return new InboxDto(
            counts.ToDictionary(c => c.Key.ToString().ToLowerInvariant(), c => c.Value),
            state.ToString().ToLowerInvariant(),
            [.. items.Select(i => new InboxItemDto(i.Id, i.DedupeKey, i.State.ToString().ToLowerInvariant(), i.Attempts, i.Result, i.CreatedAt, i.UpdatedAt))]);
    }
}
