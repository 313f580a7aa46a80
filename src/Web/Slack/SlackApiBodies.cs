namespace CodeStream.Integrations.Web.Slack;

// The JSON bodies of the product API's Slack endpoints; every field optional so that the validators name what is missing.
internal sealed record ConnectSlackBody(string? TeamId);

internal sealed record SlackStatusBody(string? SlackTeamId, string? Text, string? Emoji, long? ExpiresAt);

internal sealed record ShareCodemarkBody(string? UserId, string? SlackTeamId, string? ChannelId, IReadOnlyList<string>? UserIds);

internal sealed record StartResyncBody(string? SlackTeamId, DateTimeOffset? Since);
