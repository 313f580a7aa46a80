using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.Models;

namespace CodeStream.Integrations.Application.Codemarks.GetCodemark;

/// <summary>A codemark with its markers, its Slack shares and its replies (each with its Slack copies).</summary>
public sealed record GetCodemarkQuery(string? CodemarkId) : IQuery<CodemarkDto>;
