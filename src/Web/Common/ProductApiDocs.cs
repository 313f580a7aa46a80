using Microsoft.AspNetCore.OpenApi;

namespace CodeStream.Integrations.Web.Common;

/// <summary>
/// The product API's OpenAPI description (<c>/openapi/v1.json</c>, ASP.NET Core's built-in generator): the same API-key
/// rule as the API itself, only <c>/api/v1</c> paths, and the problem answers every endpoint may give. The
/// endpoints read their JSON bodies themselves (to answer bad bodies with a reason), so each names its body with
/// <see cref="JsonBody{TBody}"/>.
/// </summary>
internal static class ProductApiDocs
{
    public const string DocumentName = "v1";
    public const string Pattern = "/openapi/{documentName}.json";

    public static IServiceCollection AddProductApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "CodeStream integrations: product API";
                document.Info.Description = "Codemarks, replies and sharing them to Slack. Send 'Authorization: Bearer <key>' with a key from api:keys.";
                return Task.CompletedTask;
            });
        });

    public static IEndpointConventionBuilder MapProductApiDocs(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapOpenApi(Pattern).AddEndpointFilter<IEndpointConventionBuilder, ApiKeyFilter>();

    /// <summary>What any product endpoint may answer besides its success: bad input, no or a wrong key, no access.</summary>
    public static RouteGroupBuilder WithProductProblems(this RouteGroupBuilder api) =>
        api.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>The endpoint reads a JSON body of this shape (and refuses others with 400, 413 or 415).</summary>
    public static RouteHandlerBuilder JsonBody<TBody>(this RouteHandlerBuilder endpoint)
        where TBody : notnull =>
        endpoint.Accepts<TBody>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>Further problem answers of one endpoint (404 unknown ids, 409 conflicts, 502/503 Slack).</summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder endpoint, params int[] statusCodes)
    {
        foreach (var status in statusCodes)
        {
            endpoint.ProducesProblem(status);
        }

        return endpoint;
    }

    /// <summary>Slack's own answers to a call made for the user: not connected (409), unavailable (503), refused (502).</summary>
    public static RouteHandlerBuilder SlackProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable);
}
