using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;

namespace CodeStream.Integrations.Domain.Slack;

/// <summary>
/// A codemark posted to a Slack conversation: the root message whose thread stays in sync with the codemark's
/// replies. Identified by <c>slack::{slackTeamId}::{channelId}::{ts}</c>, which is unique.
/// </summary>
public sealed record CodemarkShare(
    CodemarkId CodemarkId,
    TeamId TeamId,
    SlackTeamId SlackTeamId,
    string? SlackTeamName,
    SlackChannelId ChannelId,
    string? ChannelName,
    SlackTs Ts,
    string? Permalink,
    DateTimeOffset SharedAt,
    UserId SharedByUserId,
    DateTimeOffset? DeletedInSlackAt,
    string? IdempotencyKey = null)
{
    public const string SlackProviderId = "slack*com";

    public string ProviderId => SlackProviderId;

    public string Identifier => ShareIdentifier(SlackTeamId, ChannelId, Ts);

    public static string ShareIdentifier(SlackTeamId slackTeamId, SlackChannelId channelId, SlackTs ts) =>
        $"slack::{slackTeamId.Value}::{channelId.Value}::{ts.Value}";
}
