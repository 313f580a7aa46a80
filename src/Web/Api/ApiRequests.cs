using CodeStream.Integrations.Application.Codemarks.CreateCodemark;

namespace CodeStream.Integrations.Web.Api;

// The JSON bodies of the product API (spec §9). Every field is optional here so that the validators, not the
// deserializer, name what is missing.
internal sealed record CreateTeamBody(string? Name);

internal sealed record AddUserBody(string? Email, string? Username, string? FullName);

internal sealed record CreateCodemarkBody(
    string? CreatorId, string? Type, string? Title, string? Text, IReadOnlyList<MarkerInput>? Markers);

internal sealed record EditCodemarkBody(string? Title, string? Text);

internal sealed record AddReplyBody(string? CreatorId, string? Text);

internal sealed record EditReplyBody(string? Text);

internal sealed record ConnectSlackBody(string? TeamId);

internal sealed record SlackStatusBody(string? SlackTeamId, string? Text, string? Emoji, long? ExpiresAt);

internal sealed record ShareCodemarkBody(string? UserId, string? SlackTeamId, string? ChannelId, IReadOnlyList<string>? UserIds);
