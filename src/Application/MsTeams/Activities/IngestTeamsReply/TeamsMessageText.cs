using CodeStream.Integrations.Application.MsTeams.Identity;
using CodeStream.Integrations.Application.MsTeams.Messages;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.MsTeams;

namespace CodeStream.Integrations.Application.MsTeams.Activities.IngestTeamsReply;

/// <summary>
/// A Teams message's HTML as CodeStream markdown, its <c>&lt;at&gt;</c> mentions of members with a CodeStream account
/// written <c>@username</c> and kept as the reply's mentions.
/// </summary>
internal sealed class TeamsMessageText(TeamsAuthorResolver people)
{
    private const int MaxMentionLookups = 20;

    public async Task<(string Markdown, IReadOnlyList<UserId> Mentioned)> ReadAsync(
        TeamId teamId, MsTeamsShare share, TeamsActivity activity, CancellationToken cancellationToken)
    {
        var usernames = new Dictionary<string, string>(StringComparer.Ordinal);
        var mentioned = new List<UserId>();
        foreach (var mention in activity.Mentions.Where(m => m.Id is not null && m.Text is not null).Take(MaxMentionLookups))
        {
            var user = await people.RegisteredAsync(teamId, share.ServiceUrl, share.ConversationId, mention.Id!, cancellationToken).ConfigureAwait(false);
            if (user is not null)
            {
                usernames[Normalize(InnerText(mention.Text!))] = user.Username;
                mentioned.Add(user.Id);
            }
        }

        var markdown = TeamsHtmlToMarkdown.Convert(activity.Text, name => usernames.GetValueOrDefault(Normalize(name)));
        return (markdown, [.. mentioned.Distinct()]);
    }

    // Both sides compared as the converter sees a mention: entities decoded, spaces collapsed, no leading '@'.
    private static string Normalize(string name) =>
        string.Join(' ', HtmlEntities.Decode(name).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimStart('@');

    // "<at>Ada Lovelace</at>" → "Ada Lovelace".
    private static string InnerText(string atTag)
    {
        var start = atTag.IndexOf('>', StringComparison.Ordinal);
        var end = atTag.LastIndexOf("</at>", StringComparison.OrdinalIgnoreCase);
        return start >= 0 && end > start ? atTag[(start + 1)..end].Trim() : atTag.Trim();
    }
}
