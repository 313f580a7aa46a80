using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Application.Slack.Persistence;

public interface ISlackIdentityRepository
{
    /// <summary>Links the Slack user to the CodeStream user; <c>false</c> when that Slack user is already linked in the team.</summary>
    Task<bool> TryLinkAsync(SlackIdentityLink link, CancellationToken cancellationToken);

    /// <summary>
    /// Links the Slack user to this CodeStream user, or refreshes the link when it is theirs already; <c>false</c>, and
    /// nothing changed, when the Slack user is linked to another CodeStream user (a link is never moved).
    /// </summary>
    Task<bool> LinkOrRefreshAsync(SlackIdentityLink link, CancellationToken cancellationToken);

    /// <summary>The Slack identities of these users in one workspace.</summary>
    Task<IReadOnlyList<SlackIdentityLink>> FindByUsersAsync(
        TeamId teamId, SlackTeamId slackTeamId, IReadOnlyCollection<Domain.Core.Users.UserId> userIds, CancellationToken cancellationToken);

    /// <summary>Removes every link to this user (a faux user about to be merged away).</summary>
    Task RemoveLinksOfAsync(Domain.Core.Users.UserId userId, CancellationToken cancellationToken);

    Task<SlackIdentityLink?> FindAsync(TeamId teamId, SlackIdentity identity, CancellationToken cancellationToken);
}
