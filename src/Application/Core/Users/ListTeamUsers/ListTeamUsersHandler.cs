using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Domain.Core.Teams;
using MediatR;

namespace CodeStream.Integrations.Application.Core.Users.ListTeamUsers;

internal sealed class ListTeamUsersHandler(ITeamRepository teams, IUserRepository users)
    : IRequestHandler<ListTeamUsersQuery, IReadOnlyList<UserDto>>
{
    public async Task<IReadOnlyList<UserDto>> Handle(ListTeamUsersQuery request, CancellationToken cancellationToken)
    {
        var teamId = TeamId.Parse(request.TeamId);
        _ = await teams.GetAsync(teamId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("Team", teamId.Value);
        var members = await users.ListByTeamAsync(teamId, cancellationToken).ConfigureAwait(false);
        return [.. members.Select(UserDto.From)];
    }
}
