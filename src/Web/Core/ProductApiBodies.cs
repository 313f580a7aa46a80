using CodeStream.Integrations.Application.Core.Codemarks.CreateCodemark;

namespace CodeStream.Integrations.Web.Core;

// The JSON bodies of the core product API. Every field is optional here so that the validators, not the
// deserializer, name what is missing.
internal sealed record CreateTeamBody(string? Name);

internal sealed record AddUserBody(string? Email, string? Username, string? FullName);

internal sealed record CreateCodemarkBody(
    string? CreatorId, string? Type, string? Title, string? Text, IReadOnlyList<MarkerInput>? Markers);

internal sealed record EditCodemarkBody(string? Title, string? Text);

internal sealed record AddReplyBody(string? CreatorId, string? Text);

internal sealed record EditReplyBody(string? Text);

