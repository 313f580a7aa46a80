using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using MediatR;

namespace CodeStream.Integrations.Application.Core.Users.AddUser;

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
