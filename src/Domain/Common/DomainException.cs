namespace CodeStream.Integrations.Domain.Common;

/// <summary>A value or state change that the domain refuses; the message names what is wrong.</summary>
public sealed class DomainException(string message) : Exception(message);
