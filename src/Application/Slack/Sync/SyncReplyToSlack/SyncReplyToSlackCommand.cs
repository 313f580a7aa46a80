using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.WorkQueue;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Sync.SyncReplyToSlack;

/// <summary>
/// Brings every Slack thread of the reply's codemark in step with the reply (post, update or delete its copy).
/// <see cref="Attempt"/> above 1 means an earlier attempt may have posted a copy it never recorded.
/// </summary>
public sealed record SyncReplyToSlackCommand(string ReplyId, string Change, int Attempt = 1, string? CodemarkId = null) : IFlow<WorkOutcome>, ILogContext
{
    public const string Added = "added";
    public const string Edited = "edited";
    public const string Deleted = "deleted";

    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?> { ["CodemarkId"] = CodemarkId, ["ReplyId"] = ReplyId, ["Change"] = Change };
}
