using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;

namespace CodeStream.Integrations.Domain.MsTeams;

/// <summary>
/// A codemark posted as a card into a Teams channel: the root of a new thread (<see cref="ConversationId"/>,
/// <c>{channel};messageid={root}</c>) whose replies stay in sync with the codemark's.
/// </summary>
public sealed record MsTeamsShare(
    CodemarkId CodemarkId,
    TeamId TeamId,
    string TeamsTeamId,
    string? TeamsTeamName,
    string ChannelId,
    string ConversationId,
    string RootActivityId,
    string ServiceUrl,
    DateTimeOffset SharedAt,
    UserId SharedByUserId,
    DateTimeOffset? DeletedAt)
{
    public const string ProviderId = "msteams";

    /// <summary>A channel thread's conversation id, as the Bot Connector addresses it.</summary>
    public static string ThreadOf(string channelId, string rootActivityId) => $"{channelId};messageid={rootActivityId}";

    /// <summary>The channel of a thread's conversation id (the part before <c>;messageid=</c>).</summary>
    public static string ChannelOf(string conversationId)
    {
        var cut = conversationId.IndexOf(";messageid=", StringComparison.Ordinal);
        return cut < 0 ? conversationId : conversationId[..cut];
    }
}
