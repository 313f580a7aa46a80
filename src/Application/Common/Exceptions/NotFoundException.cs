namespace CodeStream.Integrations.Application.Common.Exceptions;

/// <summary>An id that names nothing (HTTP 404).</summary>
public sealed class NotFoundException(string resource, string id)
    : Exception($"{resource} '{id}' was not found.")
{
    public string Resource { get; } = resource;

    public string Id { get; } = id;
}
