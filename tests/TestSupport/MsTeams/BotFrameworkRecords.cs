namespace CodeStream.Integrations.TestSupport.MsTeams;

/// <summary>A bearer token the token endpoint issued to a bot (client credentials).</summary>
internal sealed record AccessTokenRecord(string Token, string AppId, string TenantId)
{
    public required DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The bot's id in Teams conversations, <c>28:{appId}</c>.</summary>
    public string BotId => "28:" + AppId;
}

/// <summary>A Teams team; its General channel (same id as the team) is always <see cref="Channels"/>[0].</summary>
internal sealed class TeamRecord(string id, string name, string tenantId)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public string TenantId { get; } = tenantId;

    public List<ChannelRecord> Channels { get; } = [];

    public List<MemberRecord> Members { get; } = [];

    public MemberRecord? FindMember(string idOrAadObjectId) =>
        Members.Find(m => m.Id == idOrAadObjectId || string.Equals(m.AadObjectId, idOrAadObjectId, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A channel of a team: a conversation whose roots start threads. General has no name.</summary>
internal sealed class ChannelRecord(string id, TeamRecord team, string? name)
{
    public string Id { get; } = id;

    public TeamRecord Team { get; } = team;

    public string? Name { get; set; } = name;

    /// <summary>Thread roots, in the order they were posted.</summary>
    public List<MessageRecord> Roots { get; } = [];
}

/// <summary>A person in a team, as <c>GET v3/conversations/{id}/members/{memberId}</c> describes them.</summary>
internal sealed record MemberRecord(string Id, string Name, string? Email, string AadObjectId);

/// <summary>A root or a reply; mutable under the state lock, snapshotted as <see cref="TeamsMessage"/>.</summary>
internal sealed class MessageRecord
{
    public required string Id { get; init; }

    public required string ChannelId { get; init; }

    public required string RootId { get; init; }

    public string? FromId { get; init; }

    public string? Text { get; set; }

    public string? AttachmentsJson { get; set; }

    public required string RawActivityJson { get; set; }

    public bool Deleted { get; set; }

    public string? EditedAt { get; set; }

    /// <summary>The thread's replies in order (roots only).</summary>
    public List<MessageRecord> Replies { get; } = [];

    public bool IsRoot => Id == RootId;

    public TeamsMessage ToSnapshot() =>
        new(Id, ChannelId, RootId, FromId, Text, AttachmentsJson, Deleted, EditedAt, RawActivityJson);
}
