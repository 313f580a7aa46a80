using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Core.Models;

namespace CodeStream.Integrations.Application.Core.Codemarks.CreateCodemark;

public sealed record CreateCodemarkCommand(
    string? TeamId,
    string? CreatorId,
    string? Type,
    string? Title,
    string? Text,
    IReadOnlyList<MarkerInput>? Markers) : ICommand<CodemarkDto>, ILogContext
{
    public IReadOnlyDictionary<string, string?> LogIds =>
        new Dictionary<string, string?> { ["TeamId"] = TeamId, ["UserId"] = CreatorId };
}

public sealed record MarkerInput(
    string? File, string? Repo, string? CommitHash, int StartLine, int EndLine, string? Code, string? RemoteCodeUrl);
