using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;

namespace CodeStream.Integrations.Application.Core.Teams;

/// <summary>The one cross-team rule: a user acts only inside their own team, and faux users never act through the API.</summary>
internal static class TeamGuard
{
    public static void EnsureCanActIn(User user, TeamId teamId)
    {
        if (user.TeamId != teamId)
        {
            throw new ForbiddenException($"User '{user.Id}' is not a member of team '{teamId}'.");
        }

        if (user.IsFaux)
        {
            throw new ForbiddenException($"User '{user.Id}' has not joined CodeStream and cannot act through the API.");
        }
    }
}
