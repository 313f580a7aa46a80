using System.Text.Json;
using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Identity;
using CodeStream.Integrations.Application.Slack.Messages;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Interactivity.SubmitReplyModal;

/// <summary>
/// docs/slack-behaviour.md, “Interactivity”: <c>view_submission</c>: validate, resolve the author (“Who wrote it”), create the reply (origin Slack) and queue its
/// cross-post, then answer "sent" (Slack shows "Reply Sent"). User mistakes answer a field error. If
/// finding a new Slack user takes too long, the submission is stored as durable work and finished after answering,
/// so Slack always hears back within its 3 seconds and the reply still appears once.
/// </summary>
internal sealed class SubmitReplyModalHandler(
    ICodemarkRepository codemarks,
    SlackBotTokens bots,
    ISlackIdentityRepository identities,
    ISlackSubmissionRepository submissions,
    SlackAuthorResolver authors,
    IMediator mediator,
    SlackSettings settings,
    TimeProvider clock) : IRequestHandler<SubmitReplyModalCommand, ModalSubmissionResult>
{
    public const string EmptyText = "Please write a reply.";
    public const string NotFoundText = "Sorry, we couldn't find that codemark. It may have been deleted.";
    public const string StaleFormText = "This reply form is out of date. Close it and open the discussion again.";

    /// <summary>How long the author may take before the answer goes out first (Slack allows 3 s in all).</summary>
    public static readonly TimeSpan AuthorBudget = TimeSpan.FromMilliseconds(1500);

    public async Task<ModalSubmissionResult> Handle(SubmitReplyModalCommand request, CancellationToken cancellationToken)
    {
        if (!settings.InteractiveComponentsEnabled)
        {
            return Errors("Replying from Slack is turned off for this CodeStream installation.");
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return Errors(EmptyText);
        }

        if (request.Text.Length > Post.MaxTextLength)
        {
            return Errors($"A reply can be at most {Post.MaxTextLength} characters.");
        }

        var metadata = ReplyModalMetadata.TryParse(request.PrivateMetadata);
        if (metadata is null || !SlackTeamId.TryParse(request.SlackTeamId, out var slackTeamId) || !SlackUserId.TryParse(request.SlackUserId, out var slackUserId))
        {
            return Errors(StaleFormText);
        }

        var codemark = CodemarkId.TryParse(metadata.CodemarkId, out var codemarkId)
            ? await codemarks.GetAsync(codemarkId, cancellationToken).ConfigureAwait(false)
            : null;
        if (codemark is null || codemark.IsDeleted || codemark.TeamId.Value != metadata.TeamId)
        {
            return Errors(NotFoundText);
        }

        if (await submissions.FindPostAsync(request.SubmissionKey, cancellationToken).ConfigureAwait(false) is not null)
        {
            return Sent(invite: false); // Delivered twice: the first delivery made the reply.
        }

        var bot = await bots.FindAsync(codemark.TeamId, slackTeamId, cancellationToken).ConfigureAwait(false);
        if (bot is null)
        {
            return Errors("CodeStream is not connected to this Slack workspace any more.");
        }

        var identity = new SlackIdentity(slackTeamId, slackUserId);
        User? author;
        try
        {
            author = await ResolveWithinBudgetAsync(codemark.TeamId, identity, bot.BotToken, request.Deferred, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException exception) when (!request.Deferred || exception.Error is not ("ratelimited" or SlackApiException.Unavailable))
        {
            return Errors($"Sorry, we couldn't identify your Slack account ({exception.Error}).");
        }

        if (author is null)
        {
            await mediator.Send(
                new DeferModalReplyCommand(
                    new NewWorkItem(SlackWorkKinds.SlackModalReply, request.SubmissionKey, JsonSerializer.Serialize(request with { Deferred = true }), WorkLane.UserFacing)),
                cancellationToken).ConfigureAwait(false);
            var linked = await identities.FindAsync(codemark.TeamId, identity, cancellationToken).ConfigureAwait(false) is not null;
            return Sent(invite: !linked);
        }

        await CreateReplyAsync(request, codemark, author, cancellationToken).ConfigureAwait(false);
        return Sent(invite: author.IsFaux);
    }

    private async Task<User?> ResolveWithinBudgetAsync(
        Domain.Core.Teams.TeamId teamId, SlackIdentity identity, string botToken, bool deferred, CancellationToken cancellationToken)
    {
        if (deferred)
        {
            return await authors.ResolveAsync(teamId, identity, botToken, cancellationToken).ConfigureAwait(false);
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(AuthorBudget);
        try
        {
            return await authors.ResolveAsync(teamId, identity, botToken, budget.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
            && (exception is OperationCanceledException || exception is SlackApiException { Error: "ratelimited" or SlackApiException.Unavailable }))
        {
            return null;
        }
    }

    private async Task CreateReplyAsync(SubmitReplyModalCommand request, Codemark codemark, User author, CancellationToken cancellationToken)
    {
        var reply = Post.CreateReply(codemark, author.Id, request.Text!.Trim(), SlackPostOrigin.Value, clock.GetUtcNow());
        try
        {
            await mediator.Send(new RecordModalReplyCommand(reply, request.SubmissionKey), cancellationToken).ConfigureAwait(false);
        }
        catch (DuplicateSubmissionException)
        {
            // A concurrent delivery of the same submission won: one reply, as it should be.
        }
    }

    private static ModalSubmissionResult Errors(string message) => ModalSubmissionResult.Refused(message);

    private static ModalSubmissionResult Sent(bool invite) => ModalSubmissionResult.Sent(invite);
}
