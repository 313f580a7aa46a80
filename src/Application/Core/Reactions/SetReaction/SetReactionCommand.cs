using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Users;
using MediatR;

namespace CodeStream.Integrations.Application.Core.Reactions.SetReaction;

/// <summary>
/// Someone added (<see cref="Present"/>) or removed an emoji reaction on a codemark's post or a reply, at
/// <see cref="At"/>. Only the latest change per (post, emoji, person) counts: <c>false</c> when this one is not newer.
/// </summary>
public sealed record SetReactionCommand(PostId PostId, string Emoji, UserId UserId, bool Present, DateTimeOffset At) : ICommand<bool>;

internal sealed class SetReactionHandler(IReactionRepository reactions) : IRequestHandler<SetReactionCommand, bool>
{
    public Task<bool> Handle(SetReactionCommand request, CancellationToken cancellationToken) =>
        reactions.SetAsync(request.PostId, request.Emoji, request.UserId, request.Present, request.At, cancellationToken);
}
