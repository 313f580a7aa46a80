using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace CodeStream.Integrations.Application.Common.Messaging;

/// <summary>
/// Sends a command in a scope of its own, uncancelled: for a result that must be stored whatever happens to the
/// caller (its request aborted, its work item's lease lost), such as a token Slack has just rotated (the old one is
/// spent).
/// </summary>
public sealed class DetachedCommands(IServiceScopeFactory scopes)
{
    public async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, CancellationToken.None).ConfigureAwait(false);
    }
}
