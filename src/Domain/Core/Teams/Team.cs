using CodeStream.Integrations.Domain.Common;

namespace CodeStream.Integrations.Domain.Core.Teams;

/// <summary>A CodeStream team: the boundary of users, codemarks and every messaging installation.</summary>
public sealed record Team(TeamId Id, string Name, DateTimeOffset CreatedAt)
{
    public const int MaxNameLength = 256;

    public static Team Create(string name, DateTimeOffset now) =>
        new(TeamId.New(now), Text.Required(name, "Team name", MaxNameLength).Trim(), now);
}
