using MediatR;

namespace CodeStream.Integrations.Application.Common.Messaging;

/// <summary>A request that changes state: it runs inside a unit of work (one database transaction).</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;
