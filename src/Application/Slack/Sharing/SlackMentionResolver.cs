using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Formatting;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Application.Slack.Sharing;

/// <summary>
/// Finds the Slack user behind each <c>@username</c> of a text (docs/slack-behaviour.md, “Text to Slack”): the linked Slack identity, else the Slack
/// account with the same e-mail (<c>users.lookupByEmail</c>). Names nobody matches stay plain text.
/// </summary>
internal sealed class SlackMentionResolver(IUserRepository users, ISlackIdentityRepository identities, ISlackGateway slack)
{
    private static readonly HashSet<string> Broadcasts = new(StringComparer.OrdinalIgnoreCase) { "here", "channel", "everyone" };

    public async Task<IReadOnlyDictionary<string, string>> ResolveAsync(
        TeamId teamId, SlackTeamId slackTeamId, string? lookupToken, string markdown, CancellationToken cancellationToken)
    {
        var names = MarkdownToMrkdwn.FindMentionedUsernames(markdown).Where(n => !Broadcasts.Contains(n)).ToArray();
        var resolved = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (names.Length == 0)
        {
            return resolved;
        }

        var members = await users.FindByUsernamesAsync(teamId, names, cancellationToken).ConfigureAwait(false);
        var links = await identities.FindByUsersAsync(teamId, slackTeamId, [.. members.Select(m => m.Id)], cancellationToken).ConfigureAwait(false);
        var slackIdByUser = links.ToDictionary(l => l.UserId, l => l.Identity.SlackUserId.Value);
        foreach (var member in members)
        {
            if (slackIdByUser.TryGetValue(member.Id, out var slackUserId))
            {
                resolved[member.Username] = slackUserId;
            }
            else if (lookupToken is not null && member.Email is not null)
            {
                try
                {
                    var profile = await slack.LookupUserByEmailAsync(lookupToken, member.Email, cancellationToken).ConfigureAwait(false);
                    if (profile is not null)
                    {
                        resolved[member.Username] = profile.Id;
                    }
                }
                catch (SlackApiException)
                {
                    // A mention that cannot be resolved stays "@name": never a reason to fail the share.
                }
            }
        }

        return resolved;
    }
}
