using CodeStream.Integrations.Application.Common.Messaging;

namespace CodeStream.Integrations.Application.Slack.Sharing.ListShareTargets;

/// <summary>Where a user can share in a workspace (docs/slack-behaviour.md, “Sharing”): their channels, private channels, group DMs and DMs.</summary>
public sealed record ListShareTargetsQuery(string? UserId, string? SlackTeamId) : IFlow<IReadOnlyList<ShareTargetDto>>, ILogContext
{
    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?> { ["UserId"] = UserId, ["SlackTeamId"] = SlackTeamId };
}

/// <summary>A conversation to share into; <see cref="Kind"/> is <c>channel</c>, <c>private</c>, <c>group</c> or <c>direct</c>.</summary>
public sealed record ShareTargetDto(string Id, string Name, string Kind);
