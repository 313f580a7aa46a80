using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Domain.Core.Users;
using MediatR;

namespace CodeStream.Integrations.Application.Core.Users.AddFauxUser;

/// <summary>
/// Adds the faux user standing for a person of a messaging tool (Slack, Microsoft Teams) who has no CodeStream
/// account; <c>false</c> when a racing request added theirs first (one survives).
/// </summary>
public sealed record AddFauxUserCommand(User Faux) : ICommand<bool>;

internal sealed class AddFauxUserHandler(IUserRepository users) : IRequestHandler<AddFauxUserCommand, bool>
{
    public Task<bool> Handle(AddFauxUserCommand request, CancellationToken cancellationToken) => users.TryAddAsync(request.Faux, cancellationToken);
}
