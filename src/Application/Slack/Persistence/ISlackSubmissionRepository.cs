using CodeStream.Integrations.Domain.Core.Posts;

namespace CodeStream.Integrations.Application.Slack.Persistence;

/// <summary>Replies created from Slack modal submissions, one per submission.</summary>
public interface ISlackSubmissionRepository
{
    Task<PostId?> FindPostAsync(string submissionKey, CancellationToken cancellationToken);

    /// <summary><c>false</c> when this submission already made a reply.</summary>
    Task<bool> TryAddAsync(string submissionKey, PostId postId, DateTimeOffset at, CancellationToken cancellationToken);
}
