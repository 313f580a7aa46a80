using MediatR;

namespace CodeStream.Integrations.Application.Common.Messaging;

/// <summary>
/// A request that writes. The pipeline runs its handler inside exactly one unit of work (one database transaction,
/// <c>UnitOfWorkBehavior</c>); the handler never opens one itself and never calls a remote service, so no transaction
/// waits on the network.
/// </summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;
