using System.Text.Json;

namespace CodeStream.Integrations.Web.Common;

/// <summary>
/// Reads a JSON request body ourselves rather than through minimal-API binding, so that every malformed body becomes a
/// problem response naming the field — in the standalone host and in any host that embeds the endpoints.
/// </summary>
internal static class JsonBody
{
    public const long MaxBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 32,
    };

    public static async Task<T> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw new JsonBodyException("body", "The body must be JSON (Content-Type: application/json).", StatusCodes.Status415UnsupportedMediaType);
        }

        // Read whole and bounded first: a chunked body has no length to refuse up front.
        var limits = request.HttpContext.RequestServices.GetRequiredService<ServerLimits>();
        var (read, body) = await RequestBodyReader.ReadAsync(request.HttpContext, (int)MaxBytes, limits.RequestBodyTimeout).ConfigureAwait(false);
        switch (read)
        {
            case BodyRead.TooLarge:
                throw new JsonBodyException("body", $"The body is larger than {MaxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
            case BodyRead.TooSlow:
                throw new JsonBodyException("body", "The body did not arrive in time.", StatusCodes.Status408RequestTimeout);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body, Options);
            return value ?? throw new JsonBodyException("body", "A JSON object is required.");
        }
        catch (JsonException exception)
        {
            throw new JsonBodyException(FieldOf(exception.Path), $"The body is not valid JSON for this request at '{exception.Path ?? "$"}'.");
        }
    }

    // "$.markers[0].startLine" → "markers[0].startLine"; the root is "body".
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
