namespace CodeStream.Integrations.Application.MsTeams.Common;

/// <summary>The Teams settings the use cases need (read at start-up from <c>integrations:msteams:cloud</c>).</summary>
public sealed class MsTeamsSettings
{
    /// <summary>The bot's Microsoft App ID: the audience of inbound tokens, and <c>28:{id}</c> is the bot's own member id.</summary>
    public string? AppClientId { get; init; }

    /// <summary>The tenant of the single-tenant bot: only its members' e-mails are trusted to name a CodeStream user.</summary>
    public string? TenantId { get; init; }

    public bool Disabled { get; init; }

    /// <summary>Both the app id and secret are set: the bot can act.</summary>
    public bool Configured { get; init; }

    /// <summary>The CodeStream web app's base (links on cards), with a trailing slash.</summary>
    public Uri WebBaseUrl { get; init; } = new("http://localhost:5000/");

    public string BotMemberId => $"28:{AppClientId}";
}
