using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Domain.Common;
using FluentValidation;

namespace CodeStream.Integrations.Web.Common;

/// <summary>
/// The one place where errors become HTTP: RFC 7807 problem details with the failing fields. A module's own errors
/// (Slack's) are turned into answers by its <see cref="IProblemMapper"/>. Unexpected exceptions are logged once here
/// and answered with a bare 500 that reveals nothing.
/// </summary>
internal sealed partial class ProblemDetailsFilter(IEnumerable<IProblemMapper> mappers, ILogger<ProblemDetailsFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (ValidationException exception)
        {
            var errors = exception.Errors
                .GroupBy(e => CamelCase(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
            return TypedResults.ValidationProblem(errors, title: "The request is not valid.");
        }
        catch (JsonBodyException exception)
        {
            return exception.StatusCode == StatusCodes.Status400BadRequest
                ? TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { [exception.Field] = [exception.Message] }, title: "The request body is not valid.")
                : Problem(exception.StatusCode, "The request body was refused.", exception.Message);
        }
        catch (DomainException exception)
        {
            return Problem(StatusCodes.Status400BadRequest, "The request is not valid.", exception.Message);
        }
        catch (NotFoundException exception)
        {
            return Problem(StatusCodes.Status404NotFound, $"{exception.Resource} not found.", exception.Message);
        }
        catch (ForbiddenException exception)
        {
            return Problem(StatusCodes.Status403Forbidden, "Forbidden.", exception.Message);
        }
        catch (ConflictException exception)
        {
            return Problem(StatusCodes.Status409Conflict, "Conflict.", exception.Message);
        }
        catch (Exception exception) when (Map(exception) is { } answer)
        {
            return answer;
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Problem(499, "The client closed the request.", null);
        }
        catch (Exception exception)
        {
            LogUnhandled(logger, context.HttpContext.Request.Method, context.HttpContext.Request.Path, exception);
            return Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred.", null);
        }
    }

    private IResult? Map(Exception exception) => mappers.Select(m => m.Map(exception)).FirstOrDefault(a => a is not null);

    private static IResult Problem(int status, string title, string? detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    // FluentValidation names "Markers[0].StartLine"; clients send "markers[0].startLine".
    private static string CamelCase(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));

    [LoggerMessage(EventId = 3000, Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, PathString path, Exception exception);
}
