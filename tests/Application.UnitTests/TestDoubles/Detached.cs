using CodeStream.Integrations.Application.Common.Messaging;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace CodeStream.Integrations.Application.UnitTests.TestDoubles;

/// <summary><see cref="DetachedCommands"/> whose scopes resolve a mediator over just these handlers.</summary>
internal static class Detached
{
    public static DetachedCommands Over(params object[] handlers) =>
        new(new ServiceCollection().AddSingleton<IMediator>(HandlerMediator.Over(handlers)).BuildServiceProvider().GetRequiredService<IServiceScopeFactory>());
}
