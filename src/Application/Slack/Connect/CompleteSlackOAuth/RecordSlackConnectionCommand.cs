using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Connect.CompleteSlackOAuth;

/// <summary>
/// Stores a completed connection: the identity link (never moved), the bot and user tokens, and — only when the
/// e-mails proved it is the same person — the merge of the faux user that stood in for them. <c>false</c>, with
/// nothing stored, when another CodeStream user holds the Slack identity.
/// </summary>
public sealed record RecordSlackConnectionCommand(
    SlackIdentityLink Link, SlackBotInstallation Bot, SlackUserInstallation User, bool MergeFauxUser) : ICommand<bool>;

internal sealed class RecordSlackConnectionHandler(
    ISlackIdentityRepository identities, ISlackInstallationRepository installations, IUserRepository users, IUserMergeRepository merges)
    : IRequestHandler<RecordSlackConnectionCommand, bool>
{
    public async Task<bool> Handle(RecordSlackConnectionCommand request, CancellationToken cancellationToken)
    {
        // First, so a link another connect made since the flow looked stops everything before anything is written.
        if (!await identities.LinkOrRefreshAsync(request.Link, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await installations.UpsertBotAsync(request.Bot, cancellationToken).ConfigureAwait(false);
        await installations.UpsertUserAsync(request.User, cancellationToken).ConfigureAwait(false);
        var faux = request.MergeFauxUser
            ? await users.FindByExternalIdAsync(request.Link.TeamId, request.Link.Identity.FauxExternalUserId(request.Link.TeamId), cancellationToken).ConfigureAwait(false)
            : null;
        if (faux is not null)
        {
            await identities.RemoveLinksOfAsync(faux.Id, cancellationToken).ConfigureAwait(false);
            await merges.MergeAsync(faux.Id, request.Link.UserId, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
