using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Application.Core.Models;

/// <summary>One Slack copy of a codemark or reply, in the shape CodeStream clients know (<c>sharedTo[]</c>).</summary>
public sealed record SharedToDto(
    string ProviderId, string TeamId, string? TeamName, string ChannelId, string? ChannelName, string PostId, string? Url, bool Deleted)
{
    public static SharedToDto From(CodemarkShare share) => new(
        share.ProviderId, share.SlackTeamId.Value, share.SlackTeamName, share.ChannelId.Value, share.ChannelName, share.Ts.Value,
        share.Permalink, share.DeletedInSlackAt is not null);

    public static SharedToDto From(SlackMessageCopy copy) => new(
        CodemarkShare.SlackProviderId, copy.SlackTeamId.Value, null, copy.ChannelId.Value, null, copy.Ts.Value, copy.Permalink, false);
}
