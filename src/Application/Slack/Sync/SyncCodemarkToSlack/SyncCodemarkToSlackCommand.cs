using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.WorkQueue;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Sync.SyncCodemarkToSlack;

/// <summary>Updates (edit) or deletes (delete) every Slack root message of a shared codemark.</summary>
public sealed record SyncCodemarkToSlackCommand(string CodemarkId, string Change) : IFlow<WorkOutcome>, ILogContext
{
    public const string Edited = "edited";
    public const string Deleted = "deleted";

    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?> { ["CodemarkId"] = CodemarkId, ["Change"] = Change };
}
