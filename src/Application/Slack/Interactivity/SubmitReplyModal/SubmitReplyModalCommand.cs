using CodeStream.Integrations.Application.Common.Messaging;

namespace CodeStream.Integrations.Application.Slack.Interactivity.SubmitReplyModal;

/// <summary>The reply modal was submitted (<c>view_submission</c>); the view id and hash make it idempotent.</summary>
public sealed record SubmitReplyModalCommand(
    string SlackTeamId, string SlackUserId, string ViewId, string? ViewHash, string? PrivateMetadata, string? Text, bool Deferred = false)
    : IFlow<ModalSubmissionResult>, ILogContext
{
    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?> { ["SlackTeamId"] = SlackTeamId, ["ViewId"] = ViewId };

    public string SubmissionKey => $"{SlackTeamId}:{ViewId}:{ViewHash}";
}

/// <summary>
/// What a submission came to, in this use case's terms: the reply was posted (and whether to invite its author to
/// CodeStream), or the input is refused with a message for the person. The Slack adapter writes Slack's answer.
/// </summary>
public sealed record ModalSubmissionResult(string? FieldError, bool InviteToCodeStream)
{
    public bool Posted => FieldError is null;

    public static ModalSubmissionResult Sent(bool inviteToCodeStream) => new(null, inviteToCodeStream);

    public static ModalSubmissionResult Refused(string fieldError) => new(fieldError, false);
}
