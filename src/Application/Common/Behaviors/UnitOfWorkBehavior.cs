using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.Persistence;
using MediatR;

namespace CodeStream.Integrations.Application.Common.Behaviors;

/// <summary>
/// Innermost, and the one place a transaction is opened for a request: a command's writes commit together or not at
/// all; queries and flows run with writes outside a transaction forbidden (their writes belong in a command).
/// </summary>
internal sealed class UnitOfWorkBehavior<TRequest, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is ICommand<TResponse>)
        {
            return await unitOfWork.InTransactionAsync(() => next(), cancellationToken).ConfigureAwait(false);
        }

        using (unitOfWork.ForbidWritesOutsideTransactions())
        {
            return await next().ConfigureAwait(false);
        }
    }
}
