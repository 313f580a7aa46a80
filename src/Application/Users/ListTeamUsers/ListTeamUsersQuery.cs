using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.Models;

namespace CodeStream.Integrations.Application.Users.ListTeamUsers;

public sealed record ListTeamUsersQuery(string? TeamId) : IQuery<IReadOnlyList<UserDto>>;
