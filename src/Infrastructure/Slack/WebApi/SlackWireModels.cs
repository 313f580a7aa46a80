using System.Text.Json.Serialization;

namespace CodeStream.Integrations.Infrastructure.Slack.WebApi;

// Slack's wire shapes (snake_case JSON), only the fields this integration reads. Unknown fields are ignored.
#pragma warning disable CA1812 // Instantiated by the JSON deserializer.

internal class SlackResponse
{
    public bool Ok { get; set; }

    public string? Error { get; set; }

    /// <summary>The scope Slack wanted, on <c>missing_scope</c>.</summary>
    public string? Needed { get; set; }

    public ResponseMetadata? ResponseMetadata { get; set; }
}

internal sealed class ResponseMetadata
{
    public string? NextCursor { get; set; }
}

internal sealed class MessagesResponse : SlackResponse
{
    public List<MessageWire> Messages { get; set; } = [];
}

/// <summary>A page of messages kept as Slack sent them, for code that reads them as events are read.</summary>
internal sealed class RawMessagesResponse : SlackResponse
{
    public List<System.Text.Json.JsonElement> Messages { get; set; } = [];
}

internal sealed class MessageWire
{
    public string? Ts { get; set; }

    public MessageMetadataWire? Metadata { get; set; }
}

internal sealed class MessageMetadataWire
{
    public string? EventType { get; set; }

    public Dictionary<string, System.Text.Json.JsonElement>? EventPayload { get; set; }
}

internal sealed class AuthTestResponse : SlackResponse
{
    public string? Url { get; set; }
}

/// <summary><c>apps.connections.open</c>: the Socket Mode WebSocket URL (it carries a ticket: never logged).</summary>
internal sealed class SocketModeConnectionResponse : SlackResponse
{
    public string? Url { get; set; }
}

internal sealed class OAuthAccessResponse : SlackResponse
{
    public string? AccessToken { get; set; }

    public string? RefreshToken { get; set; }

    public long? ExpiresIn { get; set; }

    public string? Scope { get; set; }

    public string? BotUserId { get; set; }

    public string? AppId { get; set; }

    public TeamRef? Team { get; set; }

    public AuthedUser? AuthedUser { get; set; }
}

internal sealed class TeamRef
{
    public string? Id { get; set; }

    public string? Name { get; set; }
}

internal sealed class AuthedUser
{
    public string? Id { get; set; }

    public string? Scope { get; set; }

    public string? AccessToken { get; set; }

    public string? RefreshToken { get; set; }

    public long? ExpiresIn { get; set; }
}

internal sealed class MessageResponse : SlackResponse
{
    public string? Channel { get; set; }

    public string? Ts { get; set; }
}

internal sealed class PermalinkResponse : SlackResponse
{
    public string? Permalink { get; set; }
}

internal sealed class ConversationOpenResponse : SlackResponse
{
    public ConversationWire? Channel { get; set; }
}

internal sealed class ConversationsResponse : SlackResponse
{
    public List<ConversationWire> Channels { get; set; } = [];
}

internal sealed class ConversationWire
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public bool IsChannel { get; set; }

    public bool IsGroup { get; set; }

    public bool IsPrivate { get; set; }

    public bool IsMpim { get; set; }

    public bool IsIm { get; set; }

    public bool IsArchived { get; set; }

    /// <summary>The other person of a DM.</summary>
    public string? User { get; set; }
}

internal sealed class UserResponse : SlackResponse
{
    public UserWire? User { get; set; }
}

internal sealed class UserWire
{
    public string? Id { get; set; }

    public string? TeamId { get; set; }

    public string? Name { get; set; }

    public string? RealName { get; set; }

    public string? Tz { get; set; }

    public bool Deleted { get; set; }

    public bool IsBot { get; set; }

    public ProfileWire? Profile { get; set; }
}

internal sealed class ProfileWire
{
    public string? RealName { get; set; }

    public string? DisplayName { get; set; }

    public string? Email { get; set; }
}

internal sealed class ViewResponse : SlackResponse
{
    public ViewWire? View { get; set; }
}

internal sealed class ViewWire
{
    public string? Id { get; set; }
}
#pragma warning restore CA1812
