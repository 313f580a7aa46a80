using CodeStream.Integrations.Application.Common.WorkQueue;
using MediatR;

namespace CodeStream.Integrations.Application.SlackEvents.RevokeSlackTokens;

/// <summary><c>tokens_revoked</c> (the named users' and bots' tokens) or <c>app_uninstalled</c> (every token of the workspace).</summary>
public sealed record RevokeSlackTokensCommand(
    string SlackTeamId, IReadOnlyList<string> UserIds, IReadOnlyList<string> BotUserIds, bool AllTokens) : IRequest<WorkOutcome>;
