using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.SlackEvents.RevokeSlackTokens;

/// <summary>Spec §5.2: removed tokens stop syncing; later shares say "reconnect Slack".</summary>
internal sealed class RevokeSlackTokensHandler(ISlackInstallationRepository installations, IUnitOfWork unitOfWork)
    : IRequestHandler<RevokeSlackTokensCommand, WorkOutcome>
{
    public async Task<WorkOutcome> Handle(RevokeSlackTokensCommand request, CancellationToken cancellationToken)
    {
        if (!SlackTeamId.TryParse(request.SlackTeamId, out var slackTeamId))
        {
            return WorkOutcome.Ignored("malformed-team");
        }

        var removed = await unitOfWork.InTransactionAsync(
            async () =>
            {
                if (request.AllTokens)
                {
                    return await installations.RemoveBotTokensAsync(slackTeamId, cancellationToken).ConfigureAwait(false)
                        + await installations.RemoveAllUserTokensAsync(slackTeamId, cancellationToken).ConfigureAwait(false);
                }

                var users = request.UserIds.Select(id => SlackUserId.TryParse(id, out var u) ? u : (SlackUserId?)null).OfType<SlackUserId>().ToList();
                var count = await installations.RemoveUserTokensAsync(slackTeamId, users, cancellationToken).ConfigureAwait(false);
                if (request.BotUserIds.Count > 0)
                {
                    count += await installations.RemoveBotTokensAsync(slackTeamId, cancellationToken).ConfigureAwait(false);
                }

                return count;
            },
            cancellationToken).ConfigureAwait(false);
        return WorkOutcome.Done($"{removed} token(s) removed");
    }
}
