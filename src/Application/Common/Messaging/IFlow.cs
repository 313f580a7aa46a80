using MediatR;

namespace CodeStream.Integrations.Application.Common.Messaging;

/// <summary>
/// A request that talks to another system (Slack's Web API, a response URL, the durable inbox) and reads what it needs:
/// it writes nothing itself, and sends a command (<see cref="ICommand{TResponse}"/>) for each set of writes that must
/// commit together. Remote calls therefore never run inside a transaction.
/// </summary>
public interface IFlow<out TResponse> : IRequest<TResponse>;
