namespace CodeStream.Integrations.Web.Common;

/// <summary>
/// Guards the product API: <c>Authorization: Bearer &lt;key&gt;</c> with a key from <c>api:keys</c>. With no key
/// configured, only direct local callers are served (see <see cref="DirectLocalCaller"/>), so a host started without
/// configuration is usable on its own machine and closed to everyone else, relays and rebinding pages included.
/// </summary>
internal sealed class ApiKeyFilter(ProductApiAccess access) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        access.Check(context.HttpContext) switch
        {
            ProductApiCaller.Allowed => next(context),
            ProductApiCaller.NotLocal => Refuse(
                StatusCodes.Status403Forbidden,
                "No API keys are configured (api:keys): the product API serves direct local callers only (loopback, no proxy headers, Host localhost)."),
            ProductApiCaller.NoKey => Refuse(StatusCodes.Status401Unauthorized, "Send the API key as 'Authorization: Bearer <key>'."),
            _ => Refuse(StatusCodes.Status401Unauthorized, "The API key is not valid."),
        };

    private static ValueTask<object?> Refuse(int status, string detail) =>
        ValueTask.FromResult<object?>(TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: status == StatusCodes.Status401Unauthorized ? "Unauthorized." : "Forbidden."));
}
