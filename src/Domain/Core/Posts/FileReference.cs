namespace CodeStream.Integrations.Domain.Core.Posts;

/// <summary>A file attached in Slack, kept as a reference: the bytes stay in Slack.</summary>
public sealed record FileReference(string Name, string? MimeType, long? Size, string? Url);
