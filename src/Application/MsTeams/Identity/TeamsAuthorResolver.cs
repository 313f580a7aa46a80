using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Core.Users.AddFauxUser;
using CodeStream.Integrations.Application.MsTeams.Common;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Identity;

/// <summary>
/// docs/msteams.md, "Who wrote it": the CodeStream user behind a Teams member, as for Slack: the registered user of
/// the team with the member's e-mail (the Bot Connector's member profile), else the member's faux user
/// (<c>msteams::{team}::{aadObjectId}</c>), made once. Only members of the bot's own tenant are matched by e-mail
/// (guests' e-mails are their home tenant's word). A member Teams cannot describe gets a faux user named by their
/// Teams name.
/// </summary>
internal sealed class TeamsAuthorResolver(IBotConnector connector, IUserRepository users, MsTeamsSettings settings, IMediator mediator, TimeProvider clock)
{
    private const int MaxUsername = 64;

    public async Task<User> ResolveAsync(
        TeamId teamId, string serviceUrl, string conversationId, string memberId, string? name, string? aadObjectId, CancellationToken cancellationToken)
    {
        var fauxId = $"msteams::{teamId.Value}::{aadObjectId ?? memberId}";
        var member = await connector.GetMemberAsync(serviceUrl, conversationId, memberId, cancellationToken).ConfigureAwait(false);
        if (TrustedEmail(member) is { } email && await users.FindRegisteredByEmailAsync(teamId, email, cancellationToken).ConfigureAwait(false) is { } registered)
        {
            return registered;
        }

        if (await users.FindByExternalIdAsync(teamId, fauxId, cancellationToken).ConfigureAwait(false) is { } known)
        {
            return known;
        }

        var displayName = member?.Name ?? name ?? "Teams user";
        var faux = User.CreateFaux(teamId, fauxId, member?.Email, UsernameOf(member?.Email, displayName), displayName, timeZone: null, clock.GetUtcNow());
        if (await mediator.Send(new AddFauxUserCommand(faux), cancellationToken).ConfigureAwait(false))
        {
            return faux;
        }

        return await users.FindByExternalIdAsync(teamId, fauxId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Faux user {fauxId} could neither be added nor found.");
    }

    /// <summary>The CodeStream username of a mentioned member (for <c>@username</c> in the reply), when they have an account.</summary>
    public async Task<User?> RegisteredAsync(TeamId teamId, string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken)
    {
        if (!memberId.StartsWith("29:", StringComparison.Ordinal))
        {
            return null; // a channel, team, tag or bot mention: no person to look up
        }

        try
        {
            var member = await connector.GetMemberAsync(serviceUrl, conversationId, memberId, cancellationToken).ConfigureAwait(false);
            return TrustedEmail(member) is { } email ? await users.FindRegisteredByEmailAsync(teamId, email, cancellationToken).ConfigureAwait(false) : null;
        }
        catch (BotConnectorException exception) when (!exception.IsTransient)
        {
            return null; // a mention only adds detail: the reply keeps the plain @Name
        }
    }

    // Entra's mail is set by tenant admins: only this bot's tenant's members are trusted to be who their e-mail says.
    private string? TrustedEmail(TeamsMember? member) =>
        member is { Email: { Length: > 0 } email } && string.Equals(member.TenantId, settings.TenantId, StringComparison.OrdinalIgnoreCase) ? email : null;

    // "grace@example.com" → "grace"; "Grace Hopper" → "grace.hopper": a handle people can type after "@".
    private static string UsernameOf(string? email, string name)
    {
        var basis = email is { Length: > 0 } && email.IndexOf('@', StringComparison.Ordinal) is > 0 and var at ? email[..at] : name;
        var handle = new string([.. basis.Trim().ToLowerInvariant().Select(c => char.IsWhiteSpace(c) ? '.' : c).Where(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_')]);
        return handle.Length == 0 ? "teams-user" : handle[..Math.Min(handle.Length, MaxUsername)];
    }
}
