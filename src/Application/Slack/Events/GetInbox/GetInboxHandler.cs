using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Slack.Common;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.GetInbox;

internal sealed class GetInboxHandler(IWorkQueue queue, TimeProvider clock) : IRequestHandler<GetInboxQuery, InboxDto>
{
    public async Task<InboxDto> Handle(GetInboxQuery request, CancellationToken cancellationToken)
    {
        var state = request.State is null ? WorkItemState.Failed : Enum.Parse<WorkItemState>(request.State, ignoreCase: true);
        var overview = await queue.GetOverviewAsync(withFinished: true, cancellationToken).ConfigureAwait(false);
        var items = await queue.ListAsync(request.Kind, state, request.Limit, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        return new InboxDto(
            Enum.GetValues<WorkItemState>().ToDictionary(Name, s => overview.Counts.Where(c => c.State == s).Sum(c => c.Count)),
            overview.Counts.GroupBy(c => c.Kind, StringComparer.Ordinal).ToDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, long>)Enum.GetValues<WorkItemState>().ToDictionary(Name, s => g.Where(c => c.State == s).Sum(c => c.Count)),
                StringComparer.Ordinal),
            Enum.GetValues<WorkLane>().ToDictionary(
                lane => lane.ToString(),
                lane => overview.OldestPendingByLane.TryGetValue(lane, out var oldest) ? Math.Max(0, Math.Round((now - oldest).TotalSeconds, 3)) : 0),
            Name(state),
            [.. items.Select(i => new InboxItemDto(
                i.Id,
                i.Kind,
                i.Lane.ToString(),
                i.DedupeKey,
                i.Kind == SlackWorkKinds.SlackEvent ? i.DedupeKey : null,
                Name(i.State),
                i.Attempts,
                i.Result,
                i.CreatedAt,
                i.UpdatedAt))]);
    }

    private static string Name(WorkItemState state) => state.ToString().ToLowerInvariant();
}
