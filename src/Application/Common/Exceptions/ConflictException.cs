namespace CodeStream.Integrations.Application.Common.Exceptions;

/// <summary>A request that collides with what already exists, e.g. a second user with the same e-mail (HTTP 409).</summary>
public sealed class ConflictException(string message) : Exception(message);
