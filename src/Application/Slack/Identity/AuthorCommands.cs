using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Identity;

/// <summary>Adds the faux user for a Slack person; <c>false</c> when a racing request added theirs first (one survives).</summary>
public sealed record AddFauxUserCommand(User Faux) : ICommand<bool>;

/// <summary>Links a Slack person to the registered user with their e-mail; <c>false</c> when they are linked already.</summary>
public sealed record LinkSlackIdentityCommand(SlackIdentityLink Link) : ICommand<bool>;

internal sealed class AuthorCommandHandlers(IUserRepository users, ISlackIdentityRepository identities)
    : IRequestHandler<AddFauxUserCommand, bool>, IRequestHandler<LinkSlackIdentityCommand, bool>
{
    public Task<bool> Handle(AddFauxUserCommand request, CancellationToken cancellationToken) => users.TryAddAsync(request.Faux, cancellationToken);

    public Task<bool> Handle(LinkSlackIdentityCommand request, CancellationToken cancellationToken) => identities.TryLinkAsync(request.Link, cancellationToken);
}
