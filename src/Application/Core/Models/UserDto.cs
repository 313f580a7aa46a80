using CodeStream.Integrations.Domain.Core.Users;

namespace CodeStream.Integrations.Application.Core.Models;

public sealed record UserDto(
    string Id, string TeamId, string? Email, string Username, string FullName, bool IsRegistered, string? ExternalUserId, DateTimeOffset CreatedAt)
{
    public static UserDto From(User user) => new(
        user.Id.Value, user.TeamId.Value, user.Email, user.Username, user.FullName, !user.IsFaux, user.ExternalUserId, user.CreatedAt);
}
