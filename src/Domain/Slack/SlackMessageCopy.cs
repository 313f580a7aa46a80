using CodeStream.Integrations.Domain.Core.Posts;

namespace CodeStream.Integrations.Domain.Slack;

/// <summary>
/// A reply's message in a Slack thread, in either direction: the message a Slack user wrote that became the reply
/// (<see cref="SlackPostOrigin.Value"/>), or a copy this integration posted (<see cref="PostedByBot"/>), which
/// follows every edit and delete of the reply. One per <c>(workspace, channel, ts)</c>.
/// </summary>
public sealed record SlackMessageCopy(
    PostId PostId,
    SlackTeamId SlackTeamId,
    SlackChannelId ChannelId,
    SlackTs Ts,
    SlackTs ThreadTs,
    string? Permalink,
    DateTimeOffset CreatedAt,
    bool PostedByBot = false);
