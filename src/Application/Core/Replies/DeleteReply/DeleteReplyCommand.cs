using CodeStream.Integrations.Application.Common.Messaging;
using MediatR;

namespace CodeStream.Integrations.Application.Core.Replies.DeleteReply;

public sealed record DeleteReplyCommand(string? ReplyId) : ICommand<Unit>, ILogContext
{
    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?> { ["ReplyId"] = ReplyId };
}
