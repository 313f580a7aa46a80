using System.Text.Json.Nodes;
using CodeStream.Integrations.Application.Common.Messaging;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Interactivity.SubmitReplyModal;

/// <summary>The reply modal was submitted (<c>view_submission</c>); the view id and hash make it idempotent.</summary>
public sealed record SubmitReplyModalCommand(
    string SlackTeamId, string SlackUserId, string ViewId, string? ViewHash, string? PrivateMetadata, string? Text, bool Deferred = false)
    : IFlow<JsonObject>, ILogContext
{
    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?> { ["SlackTeamId"] = SlackTeamId, ["ViewId"] = ViewId };

    public string SubmissionKey => $"{SlackTeamId}:{ViewId}:{ViewHash}";
}
