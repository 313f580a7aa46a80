using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;

namespace CodeStream.Integrations.Application.Core.Persistence;

public interface IUserRepository
{
    /// <summary>Adds the user; <c>false</c> when a registered user of the team already has that e-mail.</summary>
    Task<bool> TryAddAsync(User user, CancellationToken cancellationToken);

    Task<User?> GetAsync(UserId id, CancellationToken cancellationToken);

    Task<IReadOnlyList<User>> ListByTeamAsync(TeamId teamId, CancellationToken cancellationToken);

    /// <summary>The registered (not faux) user of the team with this e-mail, compared ignoring case.</summary>
    Task<User?> FindRegisteredByEmailAsync(TeamId teamId, string email, CancellationToken cancellationToken);

    /// <summary>The team's users with these usernames (ignoring case), for @mentions.</summary>
    Task<IReadOnlyList<User>> FindByUsernamesAsync(TeamId teamId, IReadOnlyCollection<string> usernames, CancellationToken cancellationToken);

    Task<User?> FindByExternalIdAsync(TeamId teamId, string externalUserId, CancellationToken cancellationToken);
}
