using System.Diagnostics;
using CodeStream.Integrations.Application.Common.Messaging;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Application.Common.Behaviors;

/// <summary>Outermost: logs the request's name, its ids (never its payload) and how long it took.</summary>
internal sealed partial class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).Name;
        var ids = request is ILogContext context ? context.LogIds : null;
        // As key/object pairs: the shape every logging provider renders as structured scope fields.
        using var scope = ids is null ? null : logger.BeginScope(ids.ToDictionary(kv => kv.Key, kv => (object?)kv.Value));
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next().ConfigureAwait(false);
            LogHandled(logger, name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception exception)
        {
            LogFailed(logger, name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, exception.GetType().Name);
            throw;
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "{RequestName} handled in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string requestName, double elapsedMs);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "{RequestName} failed after {ElapsedMs:0.0} ms with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string requestName, double elapsedMs, string exceptionType);
}
