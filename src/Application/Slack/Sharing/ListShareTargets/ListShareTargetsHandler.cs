using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Sharing.ListShareTargets;

/// <summary>
/// All pages of <c>users.conversations</c> (archived excluded), with readable names: <c>#channel</c>, group DMs as the
/// people in them, DMs as the other person's name (<c>users.info</c>, looked up once each). Sorted by name.
/// </summary>
internal sealed class ListShareTargetsHandler(IUserRepository users, SlackTokenService tokens, ISlackGateway slack, SlackSettings settings)
    : IRequestHandler<ListShareTargetsQuery, IReadOnlyList<ShareTargetDto>>
{
    private const int MaxParallelLookups = 4;

    public async Task<IReadOnlyList<ShareTargetDto>> Handle(ListShareTargetsQuery request, CancellationToken cancellationToken)
    {
        if (settings.Disabled)
        {
            throw SlackUnavailableException.Disabled();
        }

        var userId = UserId.Parse(request.UserId);
        _ = await users.GetAsync(userId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("User", userId.Value);
        var slackTeamId = SlackTeamId.Parse(request.SlackTeamId);

        return await tokens.WithUserTokenAsync(
            userId,
            slackTeamId,
            async token =>
            {
                var conversations = await slack.ListUserConversationsAsync(token, cancellationToken).ConfigureAwait(false);
                var dmNames = await NamesOfDmPartnersAsync(token, conversations, cancellationToken).ConfigureAwait(false);
                return (IReadOnlyList<ShareTargetDto>)[.. conversations
                    .Where(c => !c.IsArchived)
                    .Select(c => ToTarget(c, dmNames))
                    .OrderBy(t => t.Name.TrimStart('#', '@'), StringComparer.OrdinalIgnoreCase)
                    .ThenBy(t => t.Id, StringComparer.Ordinal)];
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyDictionary<string, string>> NamesOfDmPartnersAsync(
        string token, IReadOnlyList<SlackConversation> conversations, CancellationToken cancellationToken)
    {
        var partners = conversations.Where(c => c.IsIm && c.DmUserId is not null).Select(c => c.DmUserId!).Distinct().ToArray();
        var names = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        await Parallel.ForEachAsync(
            partners,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelLookups, CancellationToken = cancellationToken },
            async (partner, ct) =>
            {
                try
                {
                    var profile = await slack.GetUserInfoAsync(token, partner, ct).ConfigureAwait(false);
                    names[partner] = profile.RealName ?? profile.DisplayName ?? profile.Name;
                }
                catch (SlackApiException)
                {
                    names[partner] = partner; // Unknown person: show the id rather than hide the DM.
                }
            }).ConfigureAwait(false);
        return names;
    }

    private static ShareTargetDto ToTarget(SlackConversation conversation, IReadOnlyDictionary<string, string> dmNames)
    {
        if (conversation.IsIm)
        {
            var name = conversation.DmUserId is not null && dmNames.TryGetValue(conversation.DmUserId, out var person) ? person : conversation.Id;
            return new ShareTargetDto(conversation.Id, $"@{name}", "direct");
        }

        if (conversation.IsMpim)
        {
            return new ShareTargetDto(conversation.Id, GroupDmName(conversation.Name), "group");
        }

        return new ShareTargetDto(conversation.Id, $"#{conversation.Name}", conversation.IsPrivate ? "private" : "channel");
    }

    // Slack names group DMs "mpdm-ada--grace--bob-1": the people, separated by "--".
    private static string GroupDmName(string? name)
    {
        if (string.IsNullOrEmpty(name) || !name.StartsWith("mpdm-", StringComparison.Ordinal))
        {
            return name ?? "group";
        }

        var people = name[5..];
        var suffix = people.LastIndexOf('-');
        if (suffix > 0 && int.TryParse(people[(suffix + 1)..], out _))
        {
            people = people[..suffix];
        }

        return string.Join(", ", people.Split("--", StringSplitOptions.RemoveEmptyEntries));
    }
}
