using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.MsTeams.Activities.IngestTeamsReply;
using CodeStream.Integrations.Application.MsTeams.Activities.RecordTeamsInstallation;
using CodeStream.Integrations.Application.MsTeams.Activities.RefreshServiceUrl;
using CodeStream.Integrations.Application.MsTeams.Activities.SyncTeamsDelete;
using CodeStream.Integrations.Application.MsTeams.Activities.SyncTeamsEdit;
using CodeStream.Integrations.Application.MsTeams.Common;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Activities;

/// <summary>
/// docs/msteams.md, "Activities": what a stored activity is, handed to its use case. The bot joining or leaving a
/// team, a message in a shared thread, its edit, its deletion; everything else is ignored with the reason kept. Any
/// activity of a team first refreshes the team's service URL (Teams may move it).
/// </summary>
internal sealed class TeamsActivityWorkHandler(IMediator mediator, MsTeamsSettings settings) : IWorkItemHandler
{
    public string Kind => MsTeamsWorkKinds.Activity;

    public async Task<WorkOutcome> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (TeamsActivity.TryParse(item.Payload) is not { } activity)
        {
            return WorkOutcome.Ignored("not-an-activity");
        }

        if (settings.Disabled)
        {
            return WorkOutcome.Ignored("msteams-disabled");
        }

        if (activity is { Type: not "conversationUpdate", TeamId: { Length: > 0 and <= 256 } teamId, HasServiceUrl: true })
        {
            await mediator.Send(new RefreshServiceUrlCommand(teamId, activity.ServiceUrl!), cancellationToken).ConfigureAwait(false);
        }

        return activity.Type switch
        {
            "conversationUpdate" => await mediator.Send(new RecordTeamsInstallationCommand(activity), cancellationToken).ConfigureAwait(false),
            "message" => await mediator.Send(new IngestTeamsReplyCommand(activity), cancellationToken).ConfigureAwait(false),
            "messageUpdate" => await mediator.Send(new SyncTeamsEditCommand(activity, item.Attempts), cancellationToken).ConfigureAwait(false),
            "messageDelete" => await mediator.Send(new SyncTeamsDeleteCommand(activity, item.Attempts), cancellationToken).ConfigureAwait(false),
            _ => WorkOutcome.Ignored($"activity-type:{activity.Type ?? "none"}"),
        };
    }
}
