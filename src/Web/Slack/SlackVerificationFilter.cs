using System.Text.Unicode;
using CodeStream.Integrations.Infrastructure.Slack;
using CodeStream.Integrations.Web.Common;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>
/// Every Slack-signed endpoint goes through this before anything is parsed or stored: the body is read within its
/// deadline and size (413 over 1 MiB, 408 when too slow), memory growing only with the bytes that arrived; a missing,
/// stale, malformed or wrong signature is 401 with a short reason that names no secret; a signed body that is not
/// UTF-8 is 400. The verified raw body is handed on as a <see cref="SlackRequestBody"/> feature.
/// </summary>
internal sealed class SlackVerificationFilter(
    SlackSigningSecrets secrets, SlackAppOptions options, ServerLimits limits, TimeProvider clock, RejectedSlackRequests rejections) : IEndpointFilter
{
    public const int MaxBodyBytes = 1024 * 1024;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (options.Disabled)
        {
            return TypedResults.NotFound();
        }

        var (read, body) = await RequestBodyReader.ReadAsync(http, MaxBodyBytes, limits.RequestBodyTimeout);
        switch (read)
        {
            case BodyRead.TooLarge:
                return TypedResults.Problem(
                    title: "Request body too large.", detail: $"Slack requests are limited to {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
            case BodyRead.TooSlow:
                return TypedResults.Problem(
                    title: "Request body too slow.", detail: "The body did not arrive in time.", statusCode: StatusCodes.Status408RequestTimeout);
        }

        var keys = secrets.KeysFor(body, http.Request.HasFormContentType);
        var check = Verify(keys, http.Request.Headers["X-Slack-Request-Timestamp"].ToString(), http.Request.Headers["X-Slack-Signature"].ToString(), body);
        if (check != SlackSignatureCheck.Valid)
        {
            rejections.Record(http.Request.Path, check);
            return TypedResults.Problem(
                title: "Slack request verification failed.",
                detail: Reason(check, keys.Count == 0),
                statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!Utf8.IsValid(body))
        {
            return TypedResults.Problem(
                title: "Not a Slack request this endpoint accepts.", detail: "The body is not valid UTF-8.", statusCode: StatusCodes.Status400BadRequest);
        }

        http.Features.Set(new SlackRequestBody(body));
        return await next(context);
    }

    /// <summary>Valid when any key verifies; every key is tried (no early exit), each compared in constant time.</summary>
    private SlackSignatureCheck Verify(IReadOnlyList<byte[]> keys, string timestamp, string signature, byte[] body)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var check = SlackSignatureCheck.BadSignature;
        foreach (var key in keys)
        {
            var result = SlackSignatureVerifier.Verify(key, timestamp, signature, body, now);
            check = check == SlackSignatureCheck.Valid ? check : result;
        }

        return check;
    }

    private static string Reason(SlackSignatureCheck check, bool noKey) => check switch
    {
        SlackSignatureCheck.MissingHeaders => "The X-Slack-Signature and X-Slack-Request-Timestamp headers are required.",
        SlackSignatureCheck.InvalidTimestamp => "X-Slack-Request-Timestamp is not a Unix time in seconds.",
        SlackSignatureCheck.StaleTimestamp => "X-Slack-Request-Timestamp is more than 5 minutes away from now.",
        _ when noKey => "No signing secret is configured for this Slack app.",
        _ => "The signature does not match the request.",
    };
}
