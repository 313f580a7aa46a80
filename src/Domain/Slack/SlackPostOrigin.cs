using CodeStream.Integrations.Domain.Core.Posts;

namespace CodeStream.Integrations.Domain.Slack;

/// <summary>Posts written in Slack (a thread reply, or the reply modal): never mirrored back into the thread they came from.</summary>
public static class SlackPostOrigin
{
    public static PostOrigin Value { get; } = PostOrigin.Provider("Slack");
}
