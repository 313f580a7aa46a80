using System.Data.Common;
using System.Text.Json;
using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Common.WorkQueue;

namespace CodeStream.Integrations.Infrastructure.WorkQueue;

/// <summary>
/// What a handler's exception means for its item: a remote service asking us to wait defers it (no attempt spent);
/// an outage or a database hiccup is retried; anything else (a rule the data breaks, a bug) would fail the same way
/// again, so the item is parked at once with its reason, for an operator to look at and retry.
/// </summary>
internal static class WorkFailures
{
    public static WorkOutcome Classify(Exception exception) => exception switch
    {
        RemoteServiceException { RetryAfter: { } after } remote => WorkOutcome.Defer(remote.Reason, after),
        RemoteServiceException { IsTransient: true } remote => WorkOutcome.Retry(remote.Reason),
        RemoteServiceException remote => WorkOutcome.Failed(remote.Reason),
        DbException or TimeoutException or IOException or HttpRequestException => WorkOutcome.Retry(Describe(exception)),
        JsonException => WorkOutcome.Failed($"unreadable payload: {exception.Message}"),
        _ => WorkOutcome.Failed(Describe(exception)),
    };

    private static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";
}
