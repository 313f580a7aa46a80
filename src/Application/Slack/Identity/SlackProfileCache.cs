using CodeStream.Integrations.Application.Slack.Common;

namespace CodeStream.Integrations.Application.Slack.Identity;

/// <summary>
/// <c>users.info</c> answers kept for five minutes (docs/slack-behaviour.md, “Who wrote it”: the method is
/// rate-limited), per workspace and user, in <see cref="SlackPeopleCache"/>. Concurrent lookups of the same user share one call.
/// </summary>
internal sealed class SlackProfileCache(ISlackGateway slack, SlackPeopleCache people)
{
    public Task<SlackUserProfile> GetAsync(string slackTeamId, string slackUserId, string botToken, CancellationToken cancellationToken) =>
        people.ProfileAsync(slackTeamId, slackUserId, () => slack.GetUserInfoAsync(botToken, slackUserId, CancellationToken.None))
            .WaitAsync(cancellationToken);
}
