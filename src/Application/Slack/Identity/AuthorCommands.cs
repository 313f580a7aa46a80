using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Identity;

/// <summary>Links a Slack person to the registered user with their e-mail; <c>false</c> when they are linked already.</summary>
public sealed record LinkSlackIdentityCommand(SlackIdentityLink Link) : ICommand<bool>;

internal sealed class AuthorCommandHandlers(ISlackIdentityRepository identities) : IRequestHandler<LinkSlackIdentityCommand, bool>
{
    public Task<bool> Handle(LinkSlackIdentityCommand request, CancellationToken cancellationToken) => identities.TryLinkAsync(request.Link, cancellationToken);
}
