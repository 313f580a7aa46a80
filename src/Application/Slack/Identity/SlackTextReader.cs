using System.Text.RegularExpressions;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Formatting;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Application.Slack.Identity;

/// <summary>Slack text as a CodeStream reply's text and mentions (docs/slack-behaviour.md, “Text from Slack”).</summary>
public sealed record SlackReplyText(string Markdown, IReadOnlyList<UserId> MentionedUserIds);

/// <summary>
/// Converts Slack mrkdwn to Markdown, naming each <c>&lt;@U…&gt;</c> by the CodeStream user it belongs to (linked, or
/// a registered user with the same e-mail) — those are the reply's mentions — or else by the Slack display name.
/// </summary>
internal sealed partial class SlackTextReader(
    ISlackIdentityRepository identities, IUserRepository users, SlackProfileCache profiles, SlackPeopleCache people)
{
    public async Task<SlackReplyText> ReadAsync(
        TeamId teamId, SlackTeamId slackTeamId, string botToken, string slackText, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var mentioned = new List<UserId>();
        foreach (var slackUserId in MentionPattern().Matches(slackText).Select(m => m.Groups["id"].Value).Distinct())
        {
            if (!SlackUserId.TryParse(slackUserId, out var parsed))
            {
                continue;
            }

            var identity = new SlackIdentity(slackTeamId, parsed);
            var user = await people.ResolutionAsync(
                "mention", teamId.Value, slackTeamId.Value, slackUserId, () => FindCodeStreamUserAsync(teamId, identity, botToken, cancellationToken))
                .ConfigureAwait(false);
            if (user is not null)
            {
                names[slackUserId] = user.Username;
                mentioned.Add(user.Id);
                continue;
            }

            try
            {
                var profile = await profiles.GetAsync(slackTeamId.Value, slackUserId, botToken, cancellationToken).ConfigureAwait(false);
                names[slackUserId] = profile.DisplayName is { Length: > 0 } display ? display : profile.Name;
            }
            catch (SlackApiException)
            {
                // Unknown to Slack as well: the converter keeps the raw id.
            }
        }

        var converted = MrkdwnToMarkdown.Convert(slackText, id => names.GetValueOrDefault(id));
        return new SlackReplyText(converted.Markdown, mentioned);
    }

    private async Task<User?> FindCodeStreamUserAsync(TeamId teamId, SlackIdentity identity, string botToken, CancellationToken cancellationToken)
    {
        if (await identities.FindAsync(teamId, identity, cancellationToken).ConfigureAwait(false) is { } link)
        {
            return await users.GetAsync(link.UserId, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var profile = await profiles.GetAsync(identity.SlackTeamId.Value, identity.SlackUserId.Value, botToken, cancellationToken).ConfigureAwait(false);
            return profile.Email is null ? null : await users.FindRegisteredByEmailAsync(teamId, profile.Email, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"<@(?<id>[UW][A-Z0-9]{1,30})(?:\|[^>]*)?>", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();
}
