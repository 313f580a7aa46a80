using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Events;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Slack;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Application.Slack.Resync.ResyncThreads;

/// <summary>
/// Runs a resync one page at a time (docs/resync.md): reads the next page of the next unfinished thread with the
/// bot's token, hands every message to <see cref="SlackMessageDispatcher"/> as if Slack had sent it as an event
/// (replies are unique on their ts, so nothing is stored twice), records the page, and defers the item by the pace
/// before the next page. A 429 goes through the rate-limit governor and defers the item too. Progress lives in the
/// database, so a run interrupted by a crash continues from its last recorded page.
/// </summary>
internal sealed partial class SlackResyncWorkHandler(
    ISlackResyncRepository resyncs,
    SlackBotTokens bots,
    ISlackGateway slack,
    SlackMessageDispatcher messages,
    IMediator mediator,
    SlackResyncSettings settings,
    SlackResyncMetrics metrics,
    TimeProvider clock,
    ILogger<SlackResyncWorkHandler> logger) : IWorkItemHandler
{
    public string Kind => SlackResyncWorkKinds.Run;

    public async Task<WorkOutcome> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var run = await resyncs.GetRunAsync(item.Payload, cancellationToken).ConfigureAwait(false);
        if (run is null || run.State == SlackResyncRun.Finished)
        {
            return WorkOutcome.Ignored(run is null ? "unknown-run" : "finished");
        }

        var thread = await resyncs.NextThreadAsync(run.Id, cancellationToken).ConfigureAwait(false);
        if (thread is null)
        {
            await mediator.Send(new FinishResyncRunCommand(run.Id, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            var done = await resyncs.GetRunAsync(run.Id, cancellationToken).ConfigureAwait(false) ?? run;
            LogFinished(logger, run.Id, run.Trigger, done.ThreadsDone, done.RepliesAdded, done.EditsApplied, done.Errors);
            return WorkOutcome.Done($"{done.ThreadsDone} threads, {done.RepliesAdded} replies, {done.EditsApplied} edits, {done.Errors} errors");
        }

        if (thread.Cursor is null && thread.Position == 0)
        {
            LogStarted(logger, run.Id, run.Trigger, run.ThreadsTotal, run.Since);
        }

        string? next;
        SlackResyncProgress progress;
        try
        {
            (next, progress) = await ReadPageAsync(thread, cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteServiceException exception) when (exception.IsTransient)
        {
            // Slack busy or away: a run has many pages, so waiting must not spend its attempts.
            return WorkOutcome.Defer(exception.Reason, exception.RetryAfter ?? TimeSpan.FromSeconds(30));
        }

        await mediator.Send(new RecordResyncPageCommand(run.Id, thread.Position, next, progress), cancellationToken).ConfigureAwait(false);
        if (next is null)
        {
            metrics.ThreadScanned();
        }

        metrics.RepliesRecovered(progress.RepliesAdded);
        return WorkOutcome.Defer("next-page", settings.Pace);
    }

    private async Task<(string? Next, SlackResyncProgress Progress)> ReadPageAsync(SlackResyncThread thread, CancellationToken cancellationToken)
    {
        SlackBotInstallation? bot;
        try
        {
            bot = await bots.FindAsync(TeamId.Parse(thread.TeamId), SlackTeamId.Parse(thread.SlackTeamId), cancellationToken).ConfigureAwait(false);
        }
        catch (SlackNotConnectedException)
        {
            bot = null; // the workspace must be connected again: its threads wait for the next resync
        }

        if (bot is null)
        {
            return (null, new SlackResyncProgress(0, 0, 1)); // the workspace has no bot any more: nothing to read with
        }

        SlackThreadPage page;
        try
        {
            page = await slack.GetThreadPageAsync(
                bot.BotToken, thread.ChannelId, thread.ThreadTs, thread.Oldest, thread.Cursor, settings.PageSize, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException exception) when (!exception.IsTransient)
        {
            // This thread cannot be read (deleted, channel gone, bot removed): count it and go on with the others.
            LogThreadUnreadable(logger, thread.ChannelId, thread.ThreadTs, exception.Error);
            return (null, new SlackResyncProgress(0, 0, 1));
        }

        int added = 0, edits = 0, errors = 0;
        foreach (var json in page.MessagesJson)
        {
            var (reply, edit) = ThreadMessages.Read(json, thread.ChannelId);
            if (reply.Ts == thread.ThreadTs)
            {
                continue; // the root: the shared card
            }

            var created = await messages.DispatchAsync(thread.SlackTeamId, reply, attempt: int.MaxValue, cancellationToken).ConfigureAwait(false);
            added += created.State == WorkItemState.Done ? 1 : 0;
            errors += created.State == WorkItemState.Failed ? 1 : 0;
            if (edit is not null && created.Result == "already-synced")
            {
                var changed = await messages.DispatchAsync(thread.SlackTeamId, edit, attempt: int.MaxValue, cancellationToken).ConfigureAwait(false);
                edits += changed.State == WorkItemState.Done ? 1 : 0;
                errors += changed.State == WorkItemState.Failed ? 1 : 0;
            }
        }

        return (page.NextCursor, new SlackResyncProgress(added, edits, errors));
    }

    [LoggerMessage(EventId = 5304, Level = LogLevel.Warning, Message = "Slack resync skips thread {ChannelId}/{ThreadTs}: {Error}")]
    private static partial void LogThreadUnreadable(ILogger logger, string channelId, string threadTs, string error);

    [LoggerMessage(EventId = 5300, Level = LogLevel.Information,
        Message = "Slack resync {RunId} ({Trigger}) started: {Threads} threads, gap since {Since}")]
    private static partial void LogStarted(ILogger logger, string runId, string trigger, int threads, DateTimeOffset? since);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information,
        Message = "Slack resync {RunId} ({Trigger}) finished: {Threads} threads, {Replies} replies added, {Edits} edits applied, {Errors} errors")]
    private static partial void LogFinished(ILogger logger, string runId, string trigger, int threads, int replies, int edits, int errors);
}
