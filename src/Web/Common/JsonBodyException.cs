namespace CodeStream.Integrations.Web.Common;

/// <summary>A request body that is not the JSON the endpoint expects; <see cref="Field"/> names where it went wrong.</summary>
internal sealed class JsonBodyException(string field, string message, int statusCode = StatusCodes.Status400BadRequest) : Exception(message)
{
    public string Field { get; } = field;

    public int StatusCode { get; } = statusCode;
}
