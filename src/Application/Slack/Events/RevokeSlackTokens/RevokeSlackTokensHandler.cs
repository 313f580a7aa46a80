using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.RevokeSlackTokens;

/// <summary>
/// Removed tokens stop syncing; later shares say "reconnect Slack". Only tokens of this host's app, and only those
/// installed before the event happened, are removed: a revocation delivered late (Slack retries for hours) never
/// deletes the fresh installation of someone who reconnected meanwhile.
/// </summary>
internal sealed class RevokeSlackTokensHandler(ISlackInstallationRepository installations, SlackSettings settings, TimeProvider clock)
    : IRequestHandler<RevokeSlackTokensCommand, WorkOutcome>
{
    public async Task<WorkOutcome> Handle(RevokeSlackTokensCommand request, CancellationToken cancellationToken)
    {
        if (!SlackTeamId.TryParse(request.SlackTeamId, out var slackTeamId))
        {
            return WorkOutcome.Ignored("malformed-team");
        }

        if (settings.AppId is { Length: > 0 } ours && request.ApiAppId != ours)
        {
            return WorkOutcome.Ignored("another-app");
        }

        // event_time has whole seconds: an installation made later within that second is kept as well.
        var installedBefore = request.EventTime is { } happened ? happened.AddSeconds(1) : clock.GetUtcNow();
        int removed;
        if (request.AllTokens)
        {
            removed = await installations.RemoveBotTokensAsync(slackTeamId, installedBefore, cancellationToken).ConfigureAwait(false)
                + await installations.RemoveAllUserTokensAsync(slackTeamId, installedBefore, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var users = request.UserIds.Select(id => SlackUserId.TryParse(id, out var u) ? u : (SlackUserId?)null).OfType<SlackUserId>().ToList();
            removed = await installations.RemoveUserTokensAsync(slackTeamId, users, installedBefore, cancellationToken).ConfigureAwait(false);
            if (request.BotUserIds.Count > 0)
            {
                removed += await installations.RemoveBotTokensAsync(slackTeamId, installedBefore, cancellationToken).ConfigureAwait(false);
            }
        }

        return WorkOutcome.Done($"{removed} token(s) removed");
    }
}
