using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Core.Models;

namespace CodeStream.Integrations.Application.Core.Users.AddUser;

public sealed record AddUserCommand(string? TeamId, string? Email, string? Username, string? FullName) : ICommand<UserDto>, ILogContext
{
    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?> { ["TeamId"] = TeamId };
}
