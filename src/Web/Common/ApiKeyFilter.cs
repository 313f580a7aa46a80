using System.Net;

namespace CodeStream.Integrations.Web.Common;

/// <summary>
/// Guards the product API: <c>Authorization: Bearer &lt;key&gt;</c> with a key from <c>api:keys</c>. With no key
/// configured, only loopback callers are served, so a host started without configuration is usable locally and
/// closed to everyone else.
/// </summary>
internal sealed class ApiKeyFilter(ApiKeys keys) : IEndpointFilter
{
    private const string BearerPrefix = "Bearer ";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (keys.IsEmpty)
        {
            return IsLoopback(http)
                ? next(context)
                : Refuse(StatusCodes.Status403Forbidden, "No API keys are configured (api:keys); the product API serves loopback callers only.");
        }

        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(StatusCodes.Status401Unauthorized, "Send the API key as 'Authorization: Bearer <key>'.");
        }

        return keys.Matches(header.AsSpan(BearerPrefix.Length).Trim())
            ? next(context)
            : Refuse(StatusCodes.Status401Unauthorized, "The API key is not valid.");
    }

    // A request relayed by a proxy on this machine also arrives from loopback; its forwarding headers give it away.
    private static bool IsLoopback(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address
        && IPAddress.IsLoopback(address)
        && !http.Request.Headers.ContainsKey("X-Forwarded-For")
        && !http.Request.Headers.ContainsKey("Forwarded");

    private static ValueTask<object?> Refuse(int status, string detail) =>
        ValueTask.FromResult<object?>(TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: status == StatusCodes.Status401Unauthorized ? "Unauthorized." : "Forbidden."));
}
