using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Common.Models;
using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Domain.Teams;
using CodeStream.Integrations.Domain.Users;
using MediatR;

namespace CodeStream.Integrations.Application.Users.AddUser;

internal sealed class AddUserHandler(ITeamRepository teams, IUserRepository users, TimeProvider clock)
    : IRequestHandler<AddUserCommand, UserDto>
{
    public async Task<UserDto> Handle(AddUserCommand request, CancellationToken cancellationToken)
    {
        var teamId = TeamId.Parse(request.TeamId);
        _ = await teams.GetAsync(teamId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("Team", teamId.Value);

        var user = User.CreateRegistered(teamId, request.Email!, request.Username!, request.FullName ?? string.Empty, clock.GetUtcNow());
        if (!await users.TryAddAsync(user, cancellationToken).ConfigureAwait(false))
        {
            throw new ConflictException($"Team '{teamId}' already has a user with the e-mail '{user.Email}'.");
        }

        return UserDto.From(user);
    }
}
