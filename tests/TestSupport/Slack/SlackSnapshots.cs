using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>A message as the fake stores it: an immutable snapshot.</summary>
public sealed record SlackMessage
{
    public required string TeamId { get; init; }

    public required string ChannelId { get; init; }

    /// <summary><c>digits.6digits</c>, unique and increasing across the server.</summary>
    public required string Ts { get; init; }

    /// <summary>The root's ts for a thread reply, otherwise null (a root with replies reports its own ts in JSON).</summary>
    public string? ThreadTs { get; init; }

    public string? Text { get; init; }

    /// <summary>The <c>blocks</c> array as compact JSON, or null when none were sent.</summary>
    public string? BlocksJson { get; init; }

    public string? AttachmentsJson { get; init; }

    /// <summary>The author: the user of a user token, the bot user of a bot token.</summary>
    public required string UserId { get; init; }

    public string? BotId { get; init; }

    public string? AppId { get; init; }

    /// <summary>The custom name, kept only for a bot token with <c>chat:write.customize</c> (Slack ignores it otherwise).</summary>
    public string? Username { get; init; }

    public string? IconUrl { get; init; }

    public string? IconEmoji { get; init; }

    public bool? UnfurlLinks { get; init; }

    /// <summary>The <c>metadata</c> object (<c>event_type</c>, <c>event_payload</c>) as compact JSON, or null.</summary>
    public string? MetadataJson { get; init; }

    /// <summary>Set by chat.update and <see cref="FakeSlackServer.EditMessage"/>.</summary>
    public string? EditedTs { get; init; }

    /// <summary>The <c>files</c> array as compact JSON, or null.</summary>
    public string? FilesJson { get; init; }

    public bool IsReply => ThreadTs is not null && ThreadTs != Ts;
}

/// <summary>A view opened with views.open.</summary>
public sealed record OpenedView(string ViewId, string TeamId, string TriggerId, string ViewJson, string? AppId, DateTimeOffset OpenedAt)
{
    public JsonNode ParseView() => JsonNode.Parse(ViewJson)!;

    public string? Type => ParseView()["type"]?.GetValue<string>();

    public string? CallbackId => ParseView()["callback_id"]?.GetValue<string>();

    public string? PrivateMetadata => ParseView()["private_metadata"]?.GetValue<string>();
}

/// <summary>A user's custom status as set by users.profile.set; empty text and emoji when cleared or expired.</summary>
public sealed record SlackUserStatus(string Text, string Emoji, long Expiration);

/// <summary>One POST to a response URL from <see cref="FakeSlackServer.NewResponseUrl"/>.</summary>
public sealed record ResponseUrlPost(string Id, string Body, string? ContentType, DateTimeOffset ReceivedAt, SlackFault? Fault)
{
    public bool HitFault => Fault is not null;

    public JsonNode ParseJson() => JsonNode.Parse(Body)!;
}

/// <summary>
/// What an OAuth code stands for. Exchanging it with <c>oauth.v2.access</c> issues a bot token for <see cref="BotUserId"/>
/// (which must be added with <see cref="FakeSlackServer.AddBot"/>) and a user token for <see cref="AuthedUserId"/>.
/// </summary>
public sealed record OAuthCodeGrant(string TeamId, string ClientId, string ClientSecret, string BotUserId, string AuthedUserId)
{
    /// <summary>The bot scopes, comma separated (Slack's own format); the default is the fixture's.</summary>
    public string BotScopes { get; init; } =
        "channels:history,channels:read,chat:write,chat:write.customize,groups:history,groups:read,mpim:history,mpim:read,users:read,users:read.email";

    /// <summary>The user scopes, comma separated; the default is the fixture's.</summary>
    public string UserScopes { get; init; } =
        "channels:read,channels:write,chat:write,groups:read,groups:write,im:read,mpim:read,mpim:write,users.profile:write,users:read,users:read.email";

    /// <summary>If set, the exchange must send the same <c>redirect_uri</c> (else <c>bad_redirect_uri</c>).</summary>
    public string? RedirectUri { get; init; }

    /// <summary>Token rotation: the answer carries <c>refresh_token</c> and <c>expires_in</c>, and the tokens expire.</summary>
    public bool TokenRotation { get; init; }

    public int ExpiresInSeconds { get; init; } = 43200;
}
