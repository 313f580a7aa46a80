using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Core.Models;

namespace CodeStream.Integrations.Application.Core.Replies.AddReply;

/// <summary>A reply written in CodeStream under a codemark.</summary>
public sealed record AddReplyCommand(string? CodemarkId, string? CreatorId, string? Text) : ICommand<ReplyDto>, ILogContext
{
    public IReadOnlyDictionary<string, string?> LogIds =>
        new Dictionary<string, string?> { ["CodemarkId"] = CodemarkId, ["UserId"] = CreatorId };
}
