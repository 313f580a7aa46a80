using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Domain.Core.Posts;

namespace CodeStream.Integrations.Application.Core.Replies;

internal static class ReplyLookup
{
    /// <summary>The reply, or 404 when it does not exist or was deleted.</summary>
    public static async Task<Post> GetLiveAsync(IReplyRepository replies, string? replyId, CancellationToken cancellationToken)
    {
        var id = PostId.Parse(replyId);
        var reply = await replies.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return reply is null || reply.IsDeleted ? throw new NotFoundException("Reply", id.Value) : reply;
    }
}
