namespace CodeStream.Integrations.Web.Slack;

// The JSON bodies of the product API's Slack endpoints; every field optional so that the validators name what is missing.
internal sealed record ConnectSlackBody(string? TeamId);

internal sealed record SlackStatusBody(string? SlackTeamId, string? Text, string? Emoji, long? ExpiresAt);

/// <summary>A share: to Slack (the default provider) or, with <c>provider: "msteams"</c>, to a channel of a linked Teams team.</summary>
internal sealed record ShareCodemarkBody(
    string? UserId, string? SlackTeamId, string? ChannelId, IReadOnlyList<string>? UserIds, string? Provider = null, string? MsTeamsTeamId = null);

internal sealed record StartResyncBody(string? SlackTeamId, DateTimeOffset? Since);
