namespace CodeStream.Integrations.Application.MsTeams.Common;

/// <summary>
/// Microsoft's Bot Connector (REST v3) in this application's terms, at a team's service URL, as the bot (the
/// adapter gets and caches the bot's client-credentials token). Failures raise <see cref="BotConnectorException"/>.
/// Activities are JSON (an Adaptive Card message, a reply copy), rendered by the caller.
/// </summary>
public interface IBotConnector
{
    /// <summary>Starts a new thread in a channel whose root is <paramref name="activityJson"/>: its conversation id and root id.</summary>
    Task<TeamsThread> StartThreadAsync(string serviceUrl, string channelId, string tenantId, string activityJson, CancellationToken cancellationToken);

    /// <summary>Posts into a conversation (a thread's <c>{channel};messageid={root}</c> id posts a reply); the new activity id.</summary>
    Task<string> SendAsync(string serviceUrl, string conversationId, string activityJson, CancellationToken cancellationToken);

    Task UpdateAsync(string serviceUrl, string conversationId, string activityId, string activityJson, CancellationToken cancellationToken);

    Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>The member's profile (name, e-mail); <c>null</c> when Teams does not know them in that conversation.</summary>
    Task<TeamsMember?> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken);

    /// <summary>The team's channels (the General channel's id is the team's, its name empty).</summary>
    Task<IReadOnlyList<TeamsChannel>> ListChannelsAsync(string serviceUrl, string teamsTeamId, CancellationToken cancellationToken);
}

/// <summary>A thread the bot started: its conversation id and its root activity's id.</summary>
public sealed record TeamsThread(string ConversationId, string RootActivityId);

/// <summary>A member as the Bot Connector describes them; <see cref="TenantId"/> is their home tenant (a guest's differs).</summary>
public sealed record TeamsMember(string Id, string? Name, string? Email, string? AadObjectId, string? TenantId);

public sealed record TeamsChannel(string Id, string? Name);
