using CodeStream.Integrations.Application.Slack.Common;

namespace CodeStream.Integrations.Application.Slack.Sharing;

/// <summary>
/// What people call a conversation: a channel by its name, a DM by the other person's name, a group DM by the
/// people in it other than the viewer (Slack names group DMs <c>mpdm-ada--grace--bob-1</c>, viewer included).
/// </summary>
internal static class SlackConversationNames
{
    public static string GroupDm(string? slackName, params IReadOnlyCollection<string?> hiddenHandles)
    {
        if (string.IsNullOrEmpty(slackName) || !slackName.StartsWith("mpdm-", StringComparison.Ordinal))
        {
            return slackName ?? "group";
        }

        var people = slackName[5..];
        var suffix = people.LastIndexOf('-');
        if (suffix > 0 && int.TryParse(people[(suffix + 1)..], out _))
        {
            people = people[..suffix];
        }

        var others = people.Split("--", StringSplitOptions.RemoveEmptyEntries).Where(p => !hiddenHandles.Contains(p)).ToArray();
        return others.Length == 0 ? people : string.Join(", ", others);
    }

    public static string Person(SlackUserProfile profile) => profile.RealName ?? profile.DisplayName ?? profile.Name;
}

/// <summary>
/// The name a share records for its conversation (<c>conversations.info</c> with the sharer's token, and the people
/// of a DM; a group DM without the sharer and the bot). Only a detail: a failure leaves the name empty.
/// </summary>
internal sealed class SlackConversationNamer(ISlackGateway slack)
{
    public async Task<string?> NameAsync(string userToken, IReadOnlyList<string> hiddenSlackUserIds, string channelId, CancellationToken cancellationToken)
    {
        try
        {
            var conversation = await slack.GetConversationAsync(userToken, channelId, cancellationToken).ConfigureAwait(false);
            if (conversation.IsIm)
            {
                return conversation.DmUserId is { } partner
                    ? SlackConversationNames.Person(await slack.GetUserInfoAsync(userToken, partner, cancellationToken).ConfigureAwait(false))
                    : null;
            }

            if (conversation.IsMpim)
            {
                var hidden = new List<string?>();
                foreach (var id in hiddenSlackUserIds)
                {
                    hidden.Add((await slack.GetUserInfoAsync(userToken, id, cancellationToken).ConfigureAwait(false)).Name);
                }

                return SlackConversationNames.GroupDm(conversation.Name, hidden);
            }

            return conversation.Name;
        }
        catch (SlackApiException)
        {
            return null;
        }
    }
}
