using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Slack.Persistence;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Connect.CompleteSlackOAuth;

/// <summary>The callback uses this state (by its browser nonce's hash): <c>true</c> the first time, <c>false</c> on a replay.</summary>
public sealed record ConsumeOAuthStateCommand(string BrowserNonceHash, DateTimeOffset ExpiresAt) : ICommand<bool>;

internal sealed class ConsumeOAuthStateHandler(ISlackOAuthStateLedger ledger) : IRequestHandler<ConsumeOAuthStateCommand, bool>
{
    public Task<bool> Handle(ConsumeOAuthStateCommand request, CancellationToken cancellationToken) =>
        ledger.TryConsumeAsync(request.BrowserNonceHash, request.ExpiresAt, cancellationToken);
}
