namespace CodeStream.Integrations.Application.Common.Exceptions;

/// <summary>A request that mixes teams or acts where it may not (HTTP 403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);
