using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Sharing.ListShareTargets;

/// <summary>
/// All pages of <c>users.conversations</c> (archived excluded), with readable names: <c>#channel</c>, group DMs as the
/// other people in them, DMs as the other person's name (<c>users.info</c>, looked up once each, the viewer too for
/// their handle). Sorted by name.
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

        return await tokens.WithUserInstallationAsync(
            userId,
            slackTeamId,
            async installation =>
            {
                var (token, viewer) = (installation.AccessToken, installation.SlackUserId.Value);
                var conversations = await slack.ListUserConversationsAsync(token, cancellationToken).ConfigureAwait(false);
                var people = await NamesOfPeopleAsync(token, conversations, viewer, cancellationToken).ConfigureAwait(false);
                var viewerHandle = people.TryGetValue(viewer, out var self) ? self.Handle : null;
                return (IReadOnlyList<ShareTargetDto>)[.. conversations
                    .Where(c => !c.IsArchived)
                    .Select(c => ToTarget(c, people, viewerHandle))
                    .OrderBy(t => t.Name.TrimStart('#', '@'), StringComparer.OrdinalIgnoreCase)
                    .ThenBy(t => t.Id, StringComparer.Ordinal)];
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyDictionary<string, (string Name, string? Handle)>> NamesOfPeopleAsync(
        string token, IReadOnlyList<SlackConversation> conversations, string viewer, CancellationToken cancellationToken)
    {
        var partners = conversations.Where(c => c.IsIm && c.DmUserId is not null).Select(c => c.DmUserId!)
            .Concat(conversations.Any(c => c.IsMpim) ? [viewer] : [])
            .Distinct().ToArray();
        var names = new System.Collections.Concurrent.ConcurrentDictionary<string, (string Name, string? Handle)>();
        await Parallel.ForEachAsync(
            partners,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelLookups, CancellationToken = cancellationToken },
            async (partner, ct) =>
            {
                try
                {
                    var profile = await slack.GetUserInfoAsync(token, partner, ct).ConfigureAwait(false);
                    names[partner] = (SlackConversationNames.Person(profile), profile.Name);
                }
                catch (SlackApiException)
                {
                    names[partner] = (partner, null); // Unknown person: show the id rather than hide the DM.
                }
            }).ConfigureAwait(false);
        return names;
    }

    private static ShareTargetDto ToTarget(
        SlackConversation conversation, IReadOnlyDictionary<string, (string Name, string? Handle)> people, string? viewerHandle)
    {
        if (conversation.IsIm)
        {
            var name = conversation.DmUserId is not null && people.TryGetValue(conversation.DmUserId, out var person) ? person.Name : conversation.Id;
            return new ShareTargetDto(conversation.Id, $"@{name}", "direct");
        }

        if (conversation.IsMpim)
        {
            return new ShareTargetDto(conversation.Id, SlackConversationNames.GroupDm(conversation.Name, viewerHandle), "group");
        }

        return new ShareTargetDto(conversation.Id, $"#{conversation.Name}", conversation.IsPrivate ? "private" : "channel");
    }
}
