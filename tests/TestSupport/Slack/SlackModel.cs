namespace CodeStream.Integrations.TestSupport.Slack;

// The fake's mutable entities. Only touched under FakeSlackState.Gate.

internal sealed record WorkspaceRecord(string Id, string Name, string Domain);

internal sealed class UserRecord
{
    public required string Id { get; init; }

    public required string TeamId { get; init; }

    public required string Name { get; init; }

    public required string RealName { get; init; }

    public string? Email { get; init; }

    public string Tz { get; init; } = "UTC";

    public bool IsBot { get; init; }

    public string? BotId { get; init; }

    public string? AppId { get; init; }

    public string StatusText { get; set; } = "";

    public string StatusEmoji { get; set; } = "";

    public long StatusExpiration { get; set; }
}

internal enum ChannelKind
{
    Public,
    Private,
    Mpim,
    Im,
}

internal sealed class ChannelRecord
{
    public required string Id { get; init; }

    public required string TeamId { get; init; }

    public required string Name { get; init; }

    public required ChannelKind Kind { get; init; }

    public bool IsArchived { get; set; }

    public required long Created { get; init; }

    public string? Creator { get; init; }

    /// <summary>In the order they joined.</summary>
    public List<string> Members { get; } = [];

    /// <summary>Ordered by ts.</summary>
    public List<SlackMessage> Messages { get; } = [];

    public bool IsPrivate => Kind != ChannelKind.Public;

    public bool IsDirect => Kind is ChannelKind.Im or ChannelKind.Mpim;

    public SlackMessage? FindMessage(string ts) => Messages.Find(m => m.Ts == ts);

    public void Upsert(SlackMessage message)
    {
        var index = Messages.FindIndex(m => m.Ts == message.Ts);
        if (index >= 0)
        {
            Messages[index] = message;
            return;
        }

        var at = Messages.FindIndex(m => SlackTs.Compare(m.Ts, message.Ts) > 0);
        Messages.Insert(at < 0 ? Messages.Count : at, message);
    }
}

internal enum TokenStatus
{
    Active,
    Revoked,
    Expired,
}

internal sealed class TokenRecord
{
    public required string Token { get; init; }

    public required string TeamId { get; init; }

    /// <summary>The acting user: the installing user for a user token, the bot user for a bot token.</summary>
    public required string UserId { get; init; }

    /// <summary>In the order granted.</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    public bool IsBot { get; init; }

    public string? BotId { get; init; }

    public string? AppId { get; init; }

    public TokenStatus Status { get; set; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public bool Has(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);
}

internal sealed class OAuthCodeRecord
{
    public required string Code { get; init; }

    public required OAuthCodeGrant Grant { get; init; }

    public bool Used { get; set; }
}

/// <summary>A refresh token stands for one access token lineage (bot or user) of one installation.</summary>
internal sealed class RefreshTokenRecord
{
    public required string Token { get; init; }

    public required OAuthCodeGrant Grant { get; init; }

    public required bool IsBot { get; init; }

    /// <summary>The access token it was issued with; rotation retires it.</summary>
    public required string AccessToken { get; init; }

    public bool Used { get; set; }
}

internal sealed class TriggerRecord
{
    public required string Id { get; init; }

    public bool Expired { get; init; }

    public bool Exchanged { get; set; }
}
