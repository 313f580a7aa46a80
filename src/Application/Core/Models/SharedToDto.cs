namespace CodeStream.Integrations.Application.Core.Models;

/// <summary>One copy of a codemark or reply in a messaging tool, in the shape CodeStream clients know (<c>sharedTo[]</c>).</summary>
public sealed record SharedToDto(
    string ProviderId, string TeamId, string? TeamName, string ChannelId, string? ChannelName, string PostId, string? Url, bool Deleted);
