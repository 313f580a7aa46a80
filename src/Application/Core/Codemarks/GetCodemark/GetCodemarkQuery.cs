using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Core.Models;

namespace CodeStream.Integrations.Application.Core.Codemarks.GetCodemark;

/// <summary>A codemark with its markers, where it was shared and its replies (each with its copies).</summary>
public sealed record GetCodemarkQuery(string? CodemarkId) : IQuery<CodemarkDto>;
