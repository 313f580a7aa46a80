using CodeStream.Integrations.Application.Common.Messaging;
using MediatR;

namespace CodeStream.Integrations.Application.Core.Codemarks.DeleteCodemark;

public sealed record DeleteCodemarkCommand(string? CodemarkId) : ICommand<Unit>, ILogContext
{
    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?> { ["CodemarkId"] = CodemarkId };
}
