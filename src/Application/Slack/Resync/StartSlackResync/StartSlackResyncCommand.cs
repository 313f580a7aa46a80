using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Slack.Persistence;

namespace CodeStream.Integrations.Application.Slack.Resync.StartSlackResync;

/// <summary>
/// Starts a resync of the workspace (all when null): the threads of shares active within the window, each read
/// from the newest Slack reply stored before <paramref name="Since"/> (the start of the gap; all stored when null).
/// Returns the run, or null when <paramref name="SkipWhenRunning"/> and a run is already going.
/// </summary>
public sealed record StartSlackResyncCommand(string? SlackTeamId, DateTimeOffset? Since, string Trigger, bool SkipWhenRunning = false)
    : ICommand<SlackResyncRun?>;
