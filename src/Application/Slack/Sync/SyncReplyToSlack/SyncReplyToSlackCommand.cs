using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.WorkQueue;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Sync.SyncReplyToSlack;

/// <summary>Brings every Slack thread of the reply's codemark in step with the reply (post, update or delete its copy).</summary>
public sealed record SyncReplyToSlackCommand(string ReplyId, string Change) : IFlow<WorkOutcome>, ILogContext
{
    public const string Added = "added";
    public const string Edited = "edited";
    public const string Deleted = "deleted";

    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?> { ["ReplyId"] = ReplyId, ["Change"] = Change };
}
