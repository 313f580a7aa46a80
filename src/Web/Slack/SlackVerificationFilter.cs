using CodeStream.Integrations.Infrastructure.Slack;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>
/// Every Slack-signed endpoint goes through this before anything is parsed or stored (spec §3, §4): bodies over
/// 1 MiB are refused with 413 before any verification work; a missing, stale, malformed or wrong signature is 401 with
/// a short reason that names no secret. The verified raw body is handed on as a <see cref="SlackRequestBody"/> feature.
/// </summary>
internal sealed partial class SlackVerificationFilter(
    SlackSigningSecrets secrets, SlackAppOptions options, TimeProvider clock, ILogger<SlackVerificationFilter> logger) : IEndpointFilter
{
    public const int MaxBodyBytes = 1024 * 1024;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (options.Disabled)
        {
            return TypedResults.NotFound();
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        var body = await ReadBoundedAsync(http.Request.Body, http.Request.ContentLength, http.RequestAborted);
        if (body is null)
        {
            return TooLarge();
        }

        var key = secrets.KeyFor(body, http.Request.HasFormContentType);
        var check = key is null
            ? SlackSignatureCheck.BadSignature
            : SlackSignatureVerifier.Verify(
                key,
                http.Request.Headers["X-Slack-Request-Timestamp"].ToString(),
                http.Request.Headers["X-Slack-Signature"].ToString(),
                body,
                clock.GetUtcNow().ToUnixTimeSeconds());

        if (check != SlackSignatureCheck.Valid)
        {
            LogRejected(logger, http.Request.Path, check);
            return TypedResults.Problem(
                title: "Slack request verification failed.",
                detail: Reason(check, key is null),
                statusCode: StatusCodes.Status401Unauthorized);
        }

        http.Features.Set(new SlackRequestBody(body));
        return await next(context);
    }

    private static string Reason(SlackSignatureCheck check, bool noKey) => check switch
    {
        SlackSignatureCheck.MissingHeaders => "The X-Slack-Signature and X-Slack-Request-Timestamp headers are required.",
        SlackSignatureCheck.InvalidTimestamp => "X-Slack-Request-Timestamp is not a Unix time in seconds.",
        SlackSignatureCheck.StaleTimestamp => "X-Slack-Request-Timestamp is more than 5 minutes away from now.",
        _ when noKey => "No signing secret is configured for this Slack app.",
        _ => "The signature does not match the request.",
    };

    private static IResult TooLarge() => TypedResults.Problem(
        title: "Request body too large.", detail: $"Slack requests are limited to {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>The whole body, or <c>null</c> when it turns out larger than the limit (chunked bodies have no length).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        if (contentLength is { } length)
        {
            // The usual case: one exact buffer, filled in place.
            var exact = new byte[length];
            await body.ReadExactlyAsync(exact, cancellationToken);
            return await body.ReadAsync(new byte[1], cancellationToken) == 0 ? exact : null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Rejected a Slack request to {Path}: {Check}")]
    private static partial void LogRejected(ILogger logger, PathString path, SlackSignatureCheck check);
}
