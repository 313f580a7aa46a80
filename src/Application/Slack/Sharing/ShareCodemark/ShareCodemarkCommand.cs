using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Core.Models;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Sharing.ShareCodemark;

/// <summary>
/// A user shares a codemark to a Slack channel (<see cref="ChannelId"/>) or to people (<see cref="SlackUserIds"/>, a
/// group DM with them and the bot). Replaying the same <see cref="IdempotencyKey"/>, or sharing to the same
/// conversation again, returns the existing share and posts nothing.
/// </summary>
public sealed record ShareCodemarkCommand(
    string? CodemarkId,
    string? UserId,
    string? SlackTeamId,
    string? ChannelId,
    IReadOnlyList<string>? SlackUserIds,
    string? IdempotencyKey) : IFlow<ShareCodemarkResult>, ILogContext
{
    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?>
    {
        ["CodemarkId"] = CodemarkId,
        ["UserId"] = UserId,
        ["SlackTeamId"] = SlackTeamId,
        ["ChannelId"] = ChannelId,
    };
}

/// <summary>The share, and whether this request created it (false: it existed already).</summary>
public sealed record ShareCodemarkResult(SharedToDto Share, bool Created);
