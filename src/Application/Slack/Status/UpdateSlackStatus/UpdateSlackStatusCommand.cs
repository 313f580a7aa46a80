using CodeStream.Integrations.Application.Common.Messaging;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Status.UpdateSlackStatus;

/// <summary>
/// Sets (or, with empty text, clears) the user's Slack status in a workspace (docs/slack-behaviour.md, “Status”).
/// <see cref="SlackTeamId"/> may be left out when the user has connected exactly one workspace.
/// </summary>
public sealed record UpdateSlackStatusCommand(string? UserId, string? SlackTeamId, string? Text, string? Emoji, long? ExpiresAt)
    : IFlow<Unit>, ILogContext
{
    public const string DefaultEmoji = ":desktop_computer:";

    public IReadOnlyDictionary<string, string?> LogIds =>
        new Dictionary<string, string?> { ["UserId"] = UserId, ["SlackTeamId"] = SlackTeamId };
}
