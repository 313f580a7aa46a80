using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.Persistence;
using MediatR;

namespace CodeStream.Integrations.Application.Common.Behaviors;

/// <summary>Innermost: a command's writes commit together or not at all. Queries pass straight through.</summary>
internal sealed class UnitOfWorkBehavior<TRequest, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        request is ICommand<TResponse>
            ? await unitOfWork.InTransactionAsync(() => next(), cancellationToken).ConfigureAwait(false)
            : await next().ConfigureAwait(false);
}
