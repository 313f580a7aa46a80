using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>What a method handler sees: the arguments, the authenticated token and the state, with Slack's argument rules.</summary>
internal sealed class SlackCall(FakeSlackState state, SlackRequest request, TokenRecord? token)
{
    public FakeSlackState State { get; } = state;

    public SlackRequest Request { get; } = request;

    /// <summary>The caller's token; every method except oauth.v2.access has one.</summary>
    public TokenRecord Token => token ?? throw new InvalidOperationException($"{Request.Method} is not authenticated.");

    /// <summary>The acting user: the installing user or the bot user.</summary>
    public string Actor => Token.UserId;

    public WorkspaceRecord Workspace => State.Workspaces[Token.TeamId];

    /// <summary>An argument, or null when it is absent or empty (Slack treats both alike).</summary>
    public string? Arg(string name) => Request.Args.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public string Required(string name, string errorWhenMissing) => Arg(name) ?? throw new SlackApiException(errorWhenMissing);

    public bool? Bool(string name) => Arg(name)?.ToLowerInvariant() switch
    {
        null => null,
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw new SlackApiException("invalid_arguments"),
    };

    public int Limit(int defaultLimit, int maxLimit)
    {
        var raw = Arg("limit");
        if (raw is null)
        {
            return defaultLimit;
        }

        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit))
        {
            throw new SlackApiException("invalid_limit");
        }

        return limit <= 0 ? defaultLimit : Math.Min(limit, maxLimit);
    }

    /// <summary>A JSON array argument (<c>blocks</c>, <c>attachments</c>) as compact JSON; <paramref name="error"/> if it is not one.</summary>
    public string? JsonArrayArg(string name, string error) => ParseJsonArg<JsonArray>(name, error)?.ToJsonString();

    public T? ParseJsonArg<T>(string name, string error)
        where T : JsonNode
    {
        var raw = Arg(name);
        if (raw is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(raw) as T ?? throw new SlackApiException(error);
        }
        catch (JsonException)
        {
            throw new SlackApiException(error);
        }
    }

    /// <summary><c>missing_scope</c> (with <c>needed</c> and <c>provided</c>) unless the token has one of <paramref name="anyOf"/>.</summary>
    public void RequireScope(params string[] anyOf)
    {
        if (!anyOf.Any(Token.Has))
        {
            throw MissingScope(anyOf);
        }
    }

    public SlackApiException MissingScope(IEnumerable<string> needed) => new(
        "missing_scope",
        new JsonObject { ["needed"] = string.Join(',', needed), ["provided"] = string.Join(',', Token.Scopes) });

    /// <summary>The conversation named by an argument: an id (or <c>#name</c>) in the caller's workspace, else <c>channel_not_found</c>.</summary>
    public ChannelRecord Channel(string argName = "channel")
    {
        var id = Arg(argName) ?? throw new SlackApiException("channel_not_found");
        return FindChannel(id) ?? throw new SlackApiException("channel_not_found");
    }

    public ChannelRecord? FindChannel(string idOrName)
    {
        var name = idOrName.TrimStart('#');
        return State.Channels.Find(c => c.TeamId == Token.TeamId && (c.Id == idOrName || (!c.IsDirect && c.Name == name)));
    }

    public UserRecord? FindUser(string? userId) =>
        userId is not null && State.Users.TryGetValue(userId, out var user) && user.TeamId == Token.TeamId ? user : null;

    /// <summary>Bot tokens and private conversations need membership; a user token may read a public channel without it.</summary>
    public void RequireMembership(ChannelRecord channel, bool publicReadAllowedForUsers = false)
    {
        if (channel.Members.Contains(Actor))
        {
            return;
        }

        if (publicReadAllowedForUsers && !Token.IsBot && channel.Kind == ChannelKind.Public)
        {
            return;
        }

        throw new SlackApiException(channel.IsDirect ? "channel_not_found" : "not_in_channel");
    }

    public static List<string> SplitList(string? value) =>
        value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList() ?? [];
}
