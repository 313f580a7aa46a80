using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.WorkQueue;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.RevokeSlackTokens;

/// <summary>
/// <c>tokens_revoked</c> (the named users' and bots' tokens) or <c>app_uninstalled</c> (every token of the workspace),
/// for the app <paramref name="ApiAppId"/>, as of <paramref name="EventTime"/>.
/// </summary>
public sealed record RevokeSlackTokensCommand(
    string SlackTeamId,
    string? ApiAppId,
    DateTimeOffset? EventTime,
    IReadOnlyList<string> UserIds,
    IReadOnlyList<string> BotUserIds,
    bool AllTokens) : ICommand<WorkOutcome>;
