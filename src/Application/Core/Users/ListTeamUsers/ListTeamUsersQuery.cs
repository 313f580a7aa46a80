using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Core.Models;

namespace CodeStream.Integrations.Application.Core.Users.ListTeamUsers;

public sealed record ListTeamUsersQuery(string? TeamId) : IQuery<IReadOnlyList<UserDto>>;
