using CodeStream.Integrations.Domain.Core.Users;

namespace CodeStream.Integrations.Application.Core.Persistence;

/// <summary>Folds a faux user into the real user who turned out to be the same person of a messaging tool.</summary>
public interface IUserMergeRepository
{
    /// <summary>Re-attributes the faux user's replies, mentions and links to the real user, then removes the faux user.</summary>
    Task MergeAsync(UserId fauxUserId, UserId realUserId, CancellationToken cancellationToken);
}
