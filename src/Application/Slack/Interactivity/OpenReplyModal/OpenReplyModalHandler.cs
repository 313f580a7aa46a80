using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Messages;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Slack;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Application.Slack.Interactivity.OpenReplyModal;

/// <summary>
/// docs/slack-behaviour.md, “Interactivity”: database lookups only, then <c>views.open</c> with the workspace's bot token while the trigger is fresh.
/// A missing codemark, a refused view or disabled interactivity become an ephemeral note via <c>response_url</c>.
/// </summary>
internal sealed partial class OpenReplyModalHandler(
    ICodemarkRepository codemarks,
    IReplyRepository replies,
    IUserRepository users,
    SlackBotTokens bots,
    ISlackGateway slack,
    ISlackResponder responder,
    SlackSettings settings,
    ILogger<OpenReplyModalHandler> logger) : IRequestHandler<OpenReplyModalCommand, Unit>
{
    public const string NotFoundText = "Sorry, we couldn't find that codemark";
    public const string DisabledText = "Replying from Slack is turned off for this CodeStream installation.";

    /// <summary>Slack's trigger lives 3 s and the click must be answered within 3 s: views.open gets what is left.</summary>
    public static readonly TimeSpan ViewBudget = TimeSpan.FromMilliseconds(2500);

    public async Task<Unit> Handle(OpenReplyModalCommand request, CancellationToken cancellationToken)
    {
        if (!settings.InteractiveComponentsEnabled)
        {
            await TellAsync(request, DisabledText, cancellationToken).ConfigureAwait(false);
            return Unit.Value;
        }

        var codemark = CodemarkId.TryParse(request.CodemarkId, out var codemarkId)
            ? await codemarks.GetAsync(codemarkId, cancellationToken).ConfigureAwait(false)
            : null;
        if (codemark is null || codemark.IsDeleted || codemark.TeamId.Value != request.TeamId || !SlackTeamId.TryParse(request.SlackTeamId, out var slackTeamId))
        {
            await TellAsync(request, NotFoundText, cancellationToken).ConfigureAwait(false);
            return Unit.Value;
        }

        var bot = await bots.FindAsync(codemark.TeamId, slackTeamId, cancellationToken).ConfigureAwait(false);
        if (bot is null)
        {
            await TellAsync(request, "Sorry, CodeStream is not connected to this Slack workspace any more.", cancellationToken).ConfigureAwait(false);
            return Unit.Value;
        }

        var discussion = await replies.ListByCodemarkAsync(codemark.Id, cancellationToken).ConfigureAwait(false);
        var members = await users.ListByTeamAsync(codemark.TeamId, cancellationToken).ConfigureAwait(false);
        var names = members.ToDictionary(u => u.Id, u => u.DisplayName);
        var view = ReplyModalView.Build(
            codemark,
            members.FirstOrDefault(u => u.Id == codemark.CreatorId),
            discussion,
            names,
            new ReplyModalMetadata(codemark.Id.Value, codemark.TeamId.Value, codemark.PostId.Value));

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(ViewBudget);
        string? failure = null;
        try
        {
            await slack.OpenViewAsync(bot.BotToken, request.TriggerId, view, budget.Token).ConfigureAwait(false);
        }
        catch (SlackApiException exception)
        {
            failure = exception.Error;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = "timeout"; // The trigger has expired by now; retrying would not help.
        }

        if (failure is not null)
        {
            LogViewRefused(logger, codemark.Id.Value, failure);
            await TellAsync(request, $"Sorry, we couldn't open the reply window ({failure}). Please try again.", cancellationToken).ConfigureAwait(false);
        }

        return Unit.Value;
    }

    /// <summary>
    /// The ephemeral note goes out after Slack has its answer: a slow or broken response_url must never delay or fail
    /// the acknowledgement. Failures are logged.
    /// </summary>
    private Task TellAsync(OpenReplyModalCommand request, string text, CancellationToken cancellationToken)
    {
        if (request.ResponseUrl is not { } responseUrl)
        {
            return Task.CompletedTask;
        }

        _ = Task.Run(
            async () =>
            {
                try
                {
                    await responder.PostEphemeralAsync(responseUrl, text, CancellationToken.None).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // Background note: every failure is logged, none may escape.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    LogResponseFailed(logger, exception.GetType().Name);
                }
            },
            CancellationToken.None);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 6000, Level = LogLevel.Warning, Message = "views.open for codemark {CodemarkId} was refused: {SlackError}")]
    private static partial void LogViewRefused(ILogger logger, string codemarkId, string slackError);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Posting to the response_url failed: {Reason}")]
    private static partial void LogResponseFailed(ILogger logger, string reason);
}
