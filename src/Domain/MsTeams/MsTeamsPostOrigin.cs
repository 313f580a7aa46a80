using CodeStream.Integrations.Domain.Core.Posts;

namespace CodeStream.Integrations.Domain.MsTeams;

/// <summary>The origin of a reply written in Microsoft Teams.</summary>
public static class MsTeamsPostOrigin
{
    public static PostOrigin Value { get; } = PostOrigin.Provider("MsTeams");
}
