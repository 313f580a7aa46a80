using CodeStream.Integrations.Application.Common.Messaging;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Interactivity.OpenReplyModal;

/// <summary>"View Discussion &amp; Reply" was clicked: open the reply modal with the payload's trigger.</summary>
public sealed record OpenReplyModalCommand(
    string SlackTeamId, string SlackUserId, string TriggerId, Uri? ResponseUrl, string? CodemarkId, string? TeamId) : IFlow<Unit>, ILogContext
{
    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?>
    {
        ["CodemarkId"] = CodemarkId,
        ["SlackTeamId"] = SlackTeamId,
    };
}
