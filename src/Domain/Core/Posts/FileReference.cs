namespace CodeStream.Integrations.Domain.Core.Posts;

/// <summary>A file attached in a messaging tool, kept as a reference: the bytes stay there.</summary>
public sealed record FileReference(string Name, string? MimeType, long? Size, string? Url);
