using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Core.Users.AddFauxUser;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Identity;

/// <summary>
/// Who wrote it (docs/slack-behaviour.md, “Who wrote it”), for Slack user <c>U</c> of workspace <c>T</c> in CodeStream team <c>X</c>, in this order:
/// the user linked to <c>slack::T::U</c>; a registered user of X with the Slack profile's e-mail (then linked); the
/// existing faux user <c>slack::X::T::U</c>; a new faux user. Races end in one faux user (the database decides).
/// </summary>
internal sealed class SlackAuthorResolver(
    ISlackIdentityRepository identities, IUserRepository users, SlackProfileCache profiles, SlackPeopleCache people, IMediator mediator, TimeProvider clock)
{
    /// <summary>Kept for a minute (<see cref="SlackPeopleCache"/>): a thread's authors write many replies.</summary>
    public Task<User> ResolveAsync(TeamId teamId, SlackIdentity identity, string botToken, CancellationToken cancellationToken) =>
        people.ResolutionAsync(
            "author", teamId.Value, identity.SlackTeamId.Value, identity.SlackUserId.Value, () => ResolveNowAsync(teamId, identity, botToken, cancellationToken));

    private async Task<User> ResolveNowAsync(TeamId teamId, SlackIdentity identity, string botToken, CancellationToken cancellationToken)
    {
        if (await identities.FindAsync(teamId, identity, cancellationToken).ConfigureAwait(false) is { } link
            && await users.GetAsync(link.UserId, cancellationToken).ConfigureAwait(false) is { } linked)
        {
            return linked;
        }

        var fauxId = identity.FauxExternalUserId(teamId);
        if (await users.FindByExternalIdAsync(teamId, fauxId, cancellationToken).ConfigureAwait(false) is { } knownFaux)
        {
            // Still check for a real account with the same e-mail (it may have been added since).
            return await RegisteredByEmailAsync(teamId, identity, knownFaux.Email, cancellationToken).ConfigureAwait(false) ?? knownFaux;
        }

        var profile = await ProfileOrBareAsync(identity, botToken, cancellationToken).ConfigureAwait(false);
        if (await RegisteredByEmailAsync(teamId, identity, profile.Email, cancellationToken).ConfigureAwait(false) is { } registered)
        {
            return registered;
        }

        var faux = User.CreateFaux(
            teamId,
            fauxId,
            profile.Email,
            string.IsNullOrWhiteSpace(profile.Name) ? identity.SlackUserId.Value : profile.Name,
            profile.RealName ?? profile.DisplayName ?? profile.Name,
            profile.TimeZone,
            clock.GetUtcNow());
        if (await mediator.Send(new AddFauxUserCommand(faux), cancellationToken).ConfigureAwait(false))
        {
            return faux;
        }

        return await users.FindByExternalIdAsync(teamId, fauxId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Faux user {fauxId} could neither be added nor found.");
    }

    /// <summary>
    /// The profile only adds detail (name, e-mail): Slack refusing it for good (the user is not found or not visible, the
    /// app lacks the scope) leaves a faux user named by the Slack id rather than losing the reply. Any other failure
    /// fails the item, retried as usual, so a passing outage never leaves a nameless faux user.
    /// </summary>
    private async Task<SlackUserProfile> ProfileOrBareAsync(SlackIdentity identity, string botToken, CancellationToken cancellationToken)
    {
        try
        {
            return await profiles.GetAsync(identity.SlackTeamId.Value, identity.SlackUserId.Value, botToken, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException exception) when (exception.Error is "user_not_found" or "user_not_visible" or "missing_scope" or "not_allowed_token_type")
        {
            return new SlackUserProfile(identity.SlackUserId.Value, identity.SlackTeamId.Value, identity.SlackUserId.Value, null, null, null, null, false, false);
        }
    }

    private async Task<User?> RegisteredByEmailAsync(TeamId teamId, SlackIdentity identity, string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email)
            || await users.FindRegisteredByEmailAsync(teamId, email, cancellationToken).ConfigureAwait(false) is not { } user)
        {
            return null;
        }

        await mediator.Send(new LinkSlackIdentityCommand(new SlackIdentityLink(identity, teamId, user.Id, clock.GetUtcNow())), cancellationToken).ConfigureAwait(false);
        people.PeopleChanged();
        return user;
    }
}
