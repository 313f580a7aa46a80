using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.MsTeams.Common;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using CodeStream.Integrations.Domain.MsTeams;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Activities.RecordTeamsInstallation;

/// <summary>
/// A <c>conversationUpdate</c>: the bot added to a team records it (team, name, tenant, service URL; a reinstall keeps
/// its link to a CodeStream team); the bot removed (or the team deleted) marks it removed.
/// </summary>
public sealed record RecordTeamsInstallationCommand(TeamsActivity Activity) : ICommand<WorkOutcome>;

internal sealed class RecordTeamsInstallationHandler(IMsTeamsInstallationRepository installations, MsTeamsSettings settings, TimeProvider clock)
    : IRequestHandler<RecordTeamsInstallationCommand, WorkOutcome>
{
    private const int MaxIdLength = 256;

    public async Task<WorkOutcome> Handle(RecordTeamsInstallationCommand request, CancellationToken cancellationToken)
    {
        var a = request.Activity;
        if (a.TeamId is not { Length: > 0 and <= MaxIdLength } teamId)
        {
            return WorkOutcome.Ignored("not-a-team");
        }

        var bot = a.RecipientId ?? settings.BotMemberId;
        if (a.EventType == "teamDeleted" || a.MembersRemoved.Contains(bot))
        {
            return await installations.MarkRemovedAsync(teamId, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false)
                ? WorkOutcome.Done($"removed from {teamId}")
                : WorkOutcome.Ignored("not-installed");
        }

        if (!a.MembersAdded.Contains(bot))
        {
            return WorkOutcome.Ignored($"conversation-update:{a.EventType ?? "none"}");
        }

        if (a.TenantId is not { Length: > 0 and <= MaxIdLength } tenantId || !a.HasServiceUrl)
        {
            return WorkOutcome.Ignored("malformed-installation");
        }

        await installations.UpsertAsync(
            new MsTeamsInstallation(teamId, a.TeamName, tenantId, a.ServiceUrl!, TeamId: null, clock.GetUtcNow(), RemovedAt: null),
            cancellationToken).ConfigureAwait(false);
        return WorkOutcome.Done($"installed in {a.TeamName ?? teamId}");
    }
}
