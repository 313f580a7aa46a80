using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Core.Models;

namespace CodeStream.Integrations.Application.Core.Codemarks.EditCodemark;

public sealed record EditCodemarkCommand(string? CodemarkId, string? Title, string? Text) : ICommand<CodemarkDto>, ILogContext
{
    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?> { ["CodemarkId"] = CodemarkId };
}
