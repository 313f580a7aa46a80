using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Core.Models;

namespace CodeStream.Integrations.Application.Core.Replies.EditReply;

public sealed record EditReplyCommand(string? ReplyId, string? Text) : ICommand<ReplyDto>, ILogContext
{
    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?> { ["ReplyId"] = ReplyId };
}
