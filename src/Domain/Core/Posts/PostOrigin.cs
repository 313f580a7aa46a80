namespace CodeStream.Integrations.Domain.Core.Posts;

/// <summary>Where a post was written; posts from Slack are never echoed back to Slack.</summary>
public enum PostOrigin
{
    CodeStream,
    Slack,
}
