using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Core.Models;

namespace CodeStream.Integrations.Application.Core.Codemarks.GetCodemark;

/// <summary>A codemark with its markers, its Slack shares and its replies (each with its Slack copies).</summary>
public sealed record GetCodemarkQuery(string? CodemarkId) : IQuery<CodemarkDto>;
