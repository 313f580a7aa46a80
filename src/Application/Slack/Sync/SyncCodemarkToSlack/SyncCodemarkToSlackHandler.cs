using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Messages;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Application.Slack.Sharing;
using CodeStream.Integrations.Domain.Core.Codemarks;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Sync.SyncCodemarkToSlack;

/// <summary>
/// docs/slack-behaviour.md, “Replies to Slack”: root messages were posted with the sharing user's token, so they are updated and deleted with it
/// (<c>chat.update</c> re-renders the card; <c>chat.delete</c> removes it).
/// </summary>
internal sealed class SyncCodemarkToSlackHandler(
    ICodemarkRepository codemarks,
    IUserRepository users,
    ISlackShareRepository shares,
    SlackTokenService tokens,
    SlackMentionResolver mentions,
    ISlackGateway slack,
    SlackSettings settings,
    IMediator mediator,
    TimeProvider clock) : IRequestHandler<SyncCodemarkToSlackCommand, WorkOutcome>
{
    public async Task<WorkOutcome> Handle(SyncCodemarkToSlackCommand request, CancellationToken cancellationToken)
    {
        if (!CodemarkId.TryParse(request.CodemarkId, out var codemarkId)
            || await codemarks.GetAsync(codemarkId, cancellationToken).ConfigureAwait(false) is not { } codemark)
        {
            return WorkOutcome.Ignored("codemark-not-found");
        }

        var author = await users.GetAsync(codemark.CreatorId, cancellationToken).ConfigureAwait(false);
        var done = 0;
        foreach (var share in (await shares.ListSharesAsync(codemarkId, cancellationToken).ConfigureAwait(false)).Where(s => s.DeletedInSlackAt is null))
        {
            try
            {
                await tokens.WithUserTokenAsync(
                    share.SharedByUserId,
                    share.SlackTeamId,
                    async token =>
                    {
                        if (codemark.IsDeleted)
                        {
                            await slack.DeleteMessageAsync(token, share.ChannelId.Value, share.Ts.Value, cancellationToken).ConfigureAwait(false);
                            await mediator.Send(new MarkShareDeletedCommand(share.SlackTeamId, share.ChannelId, share.Ts, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                        }
                        else
                        {
                            var mentioned = await mentions.ResolveAsync(
                                codemark.TeamId, share.SlackTeamId, token, $"{codemark.Title}\n{codemark.Text}", cancellationToken).ConfigureAwait(false);
                            var content = CodemarkCard.Render(new CodemarkCardInput(
                                codemark, author?.DisplayName ?? "Someone", settings.WebBaseUrl, settings.InteractiveComponentsEnabled, true, mentioned));
                            await slack.UpdateMessageAsync(token, share.ChannelId.Value, share.Ts.Value, content, cancellationToken).ConfigureAwait(false);
                        }

                        return true;
                    },
                    cancellationToken).ConfigureAwait(false);
                done++;
            }
            catch (SlackNotConnectedException)
            {
                // The sharer disconnected Slack: their message can no longer be changed by us.
            }
            catch (SlackApiException exception) when (exception.Error is "message_not_found" && codemark.IsDeleted)
            {
                done++;
            }
        }

        return done == 0 ? WorkOutcome.Ignored("nothing-to-sync") : WorkOutcome.Done($"{done} Slack message(s)");
    }
}
